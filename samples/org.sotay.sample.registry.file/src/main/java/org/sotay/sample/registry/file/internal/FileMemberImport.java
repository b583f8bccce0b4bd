package org.sotay.sample.registry.file.internal;

import java.io.InputStream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.registry.api.ImportJob;
import org.sotay.registry.api.ImportReport;
import org.sotay.registry.api.MemberImport;

/** Imports are writes: refused, a dry run too (its answer would say what a run that cannot happen would do). The body is not read. */
@Component(service = MemberImport.class)
public class FileMemberImport implements MemberImport {
    @Activate
    public FileMemberImport(@Reference RegistryFile file) {
        // registered only while a file is served
    }

    @Override
    public ImportReport importCsv(InputStream csv, boolean dryRun) {
        throw ReadOnly.problem("nhập tệp đảng viên", "import members");
    }

    @Override
    public ImportJob start(InputStream csv, boolean dryRun) {
        throw ReadOnly.problem("nhập tệp đảng viên", "import members");
    }

    @Override
    public ImportJob job(String id) {
        throw SotayException.notFound(Text.of("Không có lượt nhập " + Visible.shown(id) + ".", "There is no import " + Visible.shown(id) + "."));
    }
}
