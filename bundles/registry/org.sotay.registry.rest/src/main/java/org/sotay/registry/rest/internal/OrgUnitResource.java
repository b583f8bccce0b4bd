package org.sotay.registry.rest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.sotay.core.api.Api;
import org.sotay.core.api.CsvWriter;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.Params;
import org.sotay.core.api.Required;
import org.sotay.core.api.Returns;
import org.sotay.core.api.Validation;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.RequiresPermission;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.OrgUnitService;
import org.sotay.registry.api.RegistryPermissions;
import org.sotay.registry.api.UnitDraft;
import org.sotay.registry.api.UnitSummary;
import org.sotay.registry.api.UnitType;

/** {@code /api/v1/org-units}: the organization tree, within the caller's subtrees. */
@Component(service = OrgUnitResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/org-units")
@Produces(MediaType.APPLICATION_JSON)
public class OrgUnitResource {
    private final OrgUnitService units;
    private final MemberService members;
    private final CallerContext callers;

    @Activate
    public OrgUnitResource(@Reference OrgUnitService units, @Reference MemberService members, @Reference CallerContext callers) {
        this.units = units;
        this.members = members;
        this.callers = callers;
    }

    /** The caller's top units (the roots of their subtrees). */
    @GET
    @RequiresPermission(RegistryPermissions.READ)
    public List<OrgUnit> roots() {
        return units.roots();
    }

    @GET
    @Path("types")
    @RequiresPermission(RegistryPermissions.READ)
    public List<UnitType> types() {
        return units.types();
    }

    /** The unit with the counts of its whole subtree (members, target group, installs, accounts). */
    @GET
    @Path("{id}")
    @RequiresPermission(RegistryPermissions.READ)
    public UnitSummary get(@PathParam("id") String id) {
        return units.summary(id);
    }

    @GET
    @Path("{id}/children")
    @RequiresPermission(RegistryPermissions.READ)
    public Page<OrgUnit> children(@PathParam("id") String id, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return units.children(id, PageRequest.parse(offset, limit));
    }

    /** Each child with the counts of its subtree: the level below, as a committee inspects it. */
    @GET
    @Path("{id}/children/summary")
    @RequiresPermission(RegistryPermissions.READ)
    public List<UnitSummary> childSummaries(@PathParam("id") String id) {
        return units.childSummaries(id);
    }

    /** The subtree as it was on {@code at} (default today), depth first. */
    @GET
    @Path("{id}/tree")
    @RequiresPermission(RegistryPermissions.READ)
    public List<OrgUnit> tree(@PathParam("id") String id, @QueryParam("at") String at) {
        return units.treeAt(id, Params.date("at", at));
    }

    /** Members of the whole subtree, searchable like {@code /members}. */
    @GET
    @Path("{id}/members")
    @RequiresPermission(RegistryPermissions.READ)
    public Page<Member> members(@PathParam("id") String id, @QueryParam("q") String q, @QueryParam("status") String status,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return members.search(new MemberQuery(q, id, Params.oneOf("status", status, MemberStatus.class), null, null, null),
                PageRequest.parse(offset, limit, cursor));
    }

    /**
     * The members of the subtree as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read
     * the diacritics), in Vietnamese order, streamed: the same columns the import reads.
     */
    @GET
    @Path("{id}/members/export")
    @Produces("text/csv")
    @RequiresPermission(RegistryPermissions.READ)
    @Returns(value = String.class, mediaType = "text/csv", description = "The members as CSV (UTF-8 with a byte-order mark), streamed")
    public Response export(@PathParam("id") String id) {
        OrgUnit unit = units.get(id); // 404 before the first byte when out of scope
        // the body is written after the response filters ran (they end the request's caller): keep this caller for it
        Caller caller = callers.current();
        StreamingOutput body = out -> {
            try {
                callers.runAs(caller, () -> {
                    writeCsv(id, out);
                    return null;
                });
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"members-" + unit.code() + ".csv\"").build();
    }

    private void writeCsv(String id, java.io.OutputStream out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(MemberCsv.HEADER);
        try {
            members.forEachMember(id, (m, cellCode) -> {
                try {
                    csv.row(MemberCsv.row(m, cellCode));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(RegistryPermissions.UNIT_WRITE)
    @Returns(value = OrgUnit.class, status = 201, description = "Created; Location names the unit")
    public Response create(UnitDraft draft, @Context UriInfo uri) {
        OrgUnit u = units.create(draft == null ? new UnitDraft(null, null, null, null, null, null, null) : draft);
        URI location = uri.getBaseUriBuilder().path("v1/org-units").path(u.id()).build();
        return Response.created(location).entity(u).build();
    }

    /** Body of a rename. */
    public record Rename(@Required String name, LocalDate effective, @Required Long version) {
    }

    /** Body of a move under another parent. */
    public record Move(@Required String parentId, LocalDate effective, @Required Long version) {
    }

    /** Body of a merge into another unit. */
    public record Merge(@Required String targetId, LocalDate effective, String reason) {
    }

    @POST
    @Path("{id}/rename")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(RegistryPermissions.UNIT_WRITE)
    public OrgUnit rename(@PathParam("id") String id, Rename body) {
        Rename b = body == null ? new Rename(null, null, null) : body;
        new Validation().required("version", b.version()).throwIfInvalid();
        return units.rename(id, b.name(), b.effective(), b.version());
    }

    @POST
    @Path("{id}/move")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(RegistryPermissions.UNIT_WRITE)
    public OrgUnit move(@PathParam("id") String id, Move body) {
        Move b = body == null ? new Move(null, null, null) : body;
        new Validation().required("parentId", b.parentId()).required("version", b.version()).throwIfInvalid();
        return units.move(id, b.parentId(), b.effective(), b.version());
    }

    /** Body of a split: the new unit (its parent is the source's) and what moves into it. */
    public record Split(@Required UnitDraft newUnit, List<String> memberIds, List<String> subUnitIds, LocalDate effective, String reason) {
    }

    /** Splits this unit: a new unit beside it takes the listed members and sub-units; answers the new unit (201). */
    @POST
    @Path("{id}/split")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(RegistryPermissions.UNIT_WRITE)
    @Returns(value = OrgUnit.class, status = 201, description = "The new unit; Location names it")
    public Response split(@PathParam("id") String id, Split body, @Context UriInfo uri) {
        Split b = body == null ? new Split(null, null, null, null, null) : body;
        OrgUnit u = units.split(id, b.newUnit(), b.memberIds(), b.subUnitIds(), b.effective(), b.reason());
        return Response.created(uri.getBaseUriBuilder().path("v1/org-units").path(u.id()).build()).entity(u).build();
    }

    /** Merges this unit into {@code targetId}; answers the target. */
    @POST
    @Path("{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(RegistryPermissions.UNIT_WRITE)
    public OrgUnit merge(@PathParam("id") String id, Merge body) {
        Merge b = body == null ? new Merge(null, null, null) : body;
        new Validation().required("targetId", b.targetId()).throwIfInvalid();
        return units.merge(id, b.targetId(), b.effective(), b.reason());
    }
}
