package org.sotay.fees.impl.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.reporting.spi.ReportContributor;

/**
 * {@code fees.paid-up} in the reports' drill-down: of the members due for the month of {@code at}
 * (on a sheet of a cell of the unit's subtree), those recorded as paid. One grouped count per unit,
 * a prefix scan of {@code FEE_DUE (PERIOD, UNIT_PATH)}; reporting has already checked the units
 * against the caller's scope. A unit with nobody due that month is left out.
 */
@Component(service = ReportContributor.class)
public class PaidUpShare implements ReportContributor {
    static final String CODE = "fees.paid-up";
    private final JpaTemplate jpa;
    private final OrgTree tree;

    @Activate
    public PaidUpShare(@Reference FeesSchema schema, @Reference(target = "(osgi.unit.name=sotay-fees)") JpaTemplate jpa, @Reference OrgTree tree) {
        this(jpa, tree);
    }

    PaidUpShare(JpaTemplate jpa, OrgTree tree) {
        this.jpa = jpa;
        this.tree = tree;
    }

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public String titleVi() {
        return "Đảng viên đã đóng đảng phí tháng";
    }

    @Override
    public String titleEn() {
        return "Members paid up for the month";
    }

    @Override
    public Map<String, Figure> figures(List<String> unitIds, LocalDate at) {
        String period = YearMonth.from(at).toString();
        return jpa.txExpr(TransactionType.Required, em -> {
            Map<String, Figure> out = new HashMap<>();
            for (String unitId : unitIds) {
                String path = OrgTree.path(tree.lineage(unitId));
                if (path.isEmpty()) {
                    continue;
                }
                long due = 0;
                long paid = 0;
                for (Object[] r : em.createQuery("SELECT d.paid, COUNT(d) FROM DueEntity d WHERE d.period = :p AND d.unitPath LIKE :u GROUP BY d.paid",
                        Object[].class).setParameter("p", period).setParameter("u", Scope.likePrefix(path)).getResultList()) {
                    long n = ((Number) r[1]).longValue();
                    due += n;
                    if (((Number) r[0]).intValue() == 1) {
                        paid += n;
                    }
                }
                if (due > 0) {
                    out.put(unitId, new Figure(paid, due));
                }
            }
            return out;
        });
    }
}
