package org.sotay.handbook.api;

import java.time.LocalDate;

import org.sotay.core.api.Required;
import org.sotay.handbook.api.documents.DocumentContent;

/** One item of the offline packet, with why it is there ("Cần đọc trước 31/12", "Tài liệu sinh hoạt chi bộ"). */
public record PacketItem(@Required DocumentContent item, @Required String reasonVi, @Required String reasonEn, boolean mandatory,
        LocalDate deadline) {
}
