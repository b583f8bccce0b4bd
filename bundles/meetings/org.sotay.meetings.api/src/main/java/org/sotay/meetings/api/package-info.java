/**
 * Cell meetings (sinh hoạt chi bộ): kinds as data, venues, a cell's regular pattern and the
 * proposals made from it, meetings scheduled, moved and cancelled, attendance (self check-in by code
 * or signed QR, or marked by the secretary) and the roll computed from it, structured minutes with
 * votes whose eligibility and outcome are computed, paper minutes, offline batches, meeting packets
 * and iCalendar feeds. Permissions in {@link org.sotay.meetings.api.MeetingsPermissions}, event
 * topics and their properties in {@link org.sotay.meetings.api.MeetingEvents}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.meetings.api;
