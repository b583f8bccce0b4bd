package org.sotay.handbook.impl.commands;

import java.util.LinkedHashSet;
import java.util.Set;

import org.sotay.core.api.FieldError;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;

/**
 * The Karaf console's operator (Karaf's own realm guards the console, apart from member accounts): the
 * handbook's permissions and registry reads over the whole tree, so its lines in the audit trail name the console.
 */
final class Operator implements Caller {
    private final String command;
    private final Set<String> roots;

    Operator(String command, OrgTree tree) {
        this.command = command;
        this.roots = new LinkedHashSet<>(tree.roots());
    }

    /** Work of a command, as the operator. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} as the operator of {@code command}; what the services refuse (an unknown item, a unit
     * outside the tree, a field) is printed in Vietnamese and English on the error stream, never as a stack trace.
     */
    static Object run(String command, OrgTree tree, CallerContext callers, Work work) throws Exception {
        if (tree.roots().isEmpty()) {
            System.err.println("Chưa có đơn vị nào / The registry has no units yet.");
            return null;
        }
        try {
            callers.runAs(new Operator(command, tree), () -> {
                work.run();
                return null;
            });
        } catch (SotayException e) {
            System.err.println(line(e.detail() == null ? e.type().title() : e.detail()));
            for (FieldError f : e.errors()) {
                System.err.println("  " + f.field() + ": " + line(f.message()));
            }
        } catch (Refused e) {
            System.err.println(line(e.text));
        }
        return null;
    }

    /** A bad argument of the command itself. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Text text;

        Refused(Text text) {
            super(text.en(), null, false, false);
            this.text = text;
        }
    }

    static String line(Text t) {
        return t.vi() + " / " + t.en();
    }

    @Override
    public String subject() {
        return "console:" + command;
    }

    @Override
    public String displayName() {
        return "Karaf console (" + command + ")";
    }

    @Override
    public Set<String> unitsFor(String permission) {
        return permission.startsWith("handbook.") || permission.equals("registry.read") ? roots : Set.of();
    }
}
