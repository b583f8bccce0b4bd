package org.sotay.fees.rest.internal;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.sotay.core.api.Api;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.Params;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.RequiresPermission;
import org.sotay.fees.api.Arrears;
import org.sotay.fees.api.BatchResult;
import org.sotay.fees.api.FeeCategory;
import org.sotay.fees.api.FeeService;
import org.sotay.fees.api.FeesPermissions;
import org.sotay.fees.api.PaymentBatch;
import org.sotay.fees.api.Quote;
import org.sotay.fees.api.Sheet;
import org.sotay.fees.api.SheetLine;

/**
 * {@code /api/v1/fees/...}: a plugin's paths start with its module name. Every method declares its
 * permission; the service limits every answer to the caller's scope (outside it: 404).
 */
@Component(service = FeesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/fees")
@Produces(MediaType.APPLICATION_JSON)
public class FeesResource {
    private final FeeService fees;

    @Activate
    public FeesResource(@Reference FeeService fees) {
        this.fees = fees;
    }

    /** The month's dues for a declared income basis ({@code income} in đồng; none for a student), by the rates configured now. */
    @GET
    @Path("quote")
    @RequiresPermission(FeesPermissions.READ)
    public Quote quote(@QueryParam("category") String category, @QueryParam("income") String income) {
        return fees.quote(Params.oneOf("category", category, FeeCategory.class), number("income", income));
    }

    /** The same for a member of the caller's scope. */
    @GET
    @Path("members/{memberId}/quote")
    @RequiresPermission(FeesPermissions.READ)
    public Quote memberQuote(@PathParam("memberId") String memberId, @QueryParam("category") String category, @QueryParam("income") String income) {
        return fees.quote(memberId, Params.oneOf("category", category, FeeCategory.class), number("income", income));
    }

    /** A member's months (of {@code year}, or all), newest first. */
    @GET
    @Path("members/{memberId}/payments")
    @RequiresPermission(FeesPermissions.READ)
    public List<SheetLine> history(@PathParam("memberId") String memberId, @QueryParam("year") String year) {
        Long y = number("year", year);
        return fees.history(memberId, y == null ? null : clampYear(y));
    }

    /** The cell's sheet for a month ({@code yyyy-MM}). */
    @GET
    @Path("units/{unitId}/sheets/{period}")
    @RequiresPermission(FeesPermissions.READ)
    public Sheet sheet(@PathParam("unitId") String unitId, @PathParam("period") String period) {
        return fees.sheet(unitId, period);
    }

    /** Opens the cell's sheet for a month (idempotent; a held meeting opens it too). */
    @PUT
    @Path("units/{unitId}/sheets/{period}")
    @RequiresPermission(FeesPermissions.RECORD)
    public Sheet open(@PathParam("unitId") String unitId, @PathParam("period") String period) {
        return fees.open(unitId, period);
    }

    /** Records payments on the sheet, all or nothing; the same payment again changes nothing, another amount is a 409. */
    @POST
    @Path("units/{unitId}/sheets/{period}/payments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(FeesPermissions.RECORD)
    public BatchResult record(@PathParam("unitId") String unitId, @PathParam("period") String period, PaymentBatch batch) {
        return fees.record(unitId, period, batch);
    }

    /** The arrears warnings of the unit's subtree for {@code year} (required). */
    @GET
    @Path("units/{unitId}/arrears")
    @RequiresPermission(FeesPermissions.READ)
    public List<Arrears> arrears(@PathParam("unitId") String unitId, @QueryParam("year") String year) {
        Long y = number("year", year);
        if (y == null) {
            throw SotayException.invalid(List.of(new FieldError("year", "required", Text.of("Hãy cho biết năm.", "Give the year."))));
        }
        return fees.arrears(unitId, clampYear(y));
    }

    /** Out-of-range years stay out of range (the service names the field), never wrap around as an int. */
    private static int clampYear(long y) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, y));
    }

    private static Long number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw SotayException.invalid(List.of(new FieldError(name, "not-a-number",
                    Text.of(name + " phải là một số nguyên.", name + " must be a whole number."))));
        }
    }
}
