package org.sotay.handbook.rest.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.ext.Providers;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.sotay.core.api.Api;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.Params;
import org.sotay.core.api.Returns;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.RequiresPermission;
import org.sotay.handbook.api.AttachmentFile;
import org.sotay.handbook.api.AttachmentInfo;
import org.sotay.handbook.api.CatalogService;
import org.sotay.handbook.api.Category;
import org.sotay.handbook.api.CategoryDraft;
import org.sotay.handbook.api.Changes;
import org.sotay.handbook.api.HandbookPermissions;
import org.sotay.handbook.api.ItemSummary;
import org.sotay.handbook.api.ItemView;
import org.sotay.handbook.api.Kind;
import org.sotay.handbook.api.LibraryQuery;
import org.sotay.handbook.api.LibraryService;
import org.sotay.handbook.api.Note;
import org.sotay.handbook.api.NoteDraft;
import org.sotay.handbook.api.OnBehalfRead;
import org.sotay.handbook.api.Packet;
import org.sotay.handbook.api.PersonalService;
import org.sotay.handbook.api.ReadBatch;
import org.sotay.handbook.api.ReadReceipt;
import org.sotay.handbook.api.ReadResult;
import org.sotay.handbook.api.ReadingRates;
import org.sotay.handbook.api.ReadingService;
import org.sotay.handbook.api.UnreadMember;

/**
 * {@code /api/v1/handbook}: the reader's library (lists, items, search, the delta feed, the offline packet,
 * attachments), reading, bookmarks, notes, and the catalog. Reads that clients poll carry an ETag of their bytes
 * and are gzip-compressed for clients that accept it.
 */
@Component(service = LibraryResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/handbook")
@Produces(MediaType.APPLICATION_JSON)
public class LibraryResource {
    private final LibraryService library;
    private final ReadingService reading;
    private final PersonalService personal;
    private final CatalogService catalog;

    @Activate
    public LibraryResource(@Reference LibraryService library, @Reference ReadingService reading, @Reference PersonalService personal,
            @Reference CatalogService catalog) {
        this.library = library;
        this.reading = reading;
        this.personal = personal;
        this.catalog = catalog;
    }

    @GET
    @Path("items")
    @RequiresPermission(HandbookPermissions.READ)
    @Returns(value = Bodies.ItemPage.class, description = "Published items addressed to you, newest first")
    @Returns(status = 304)
    public Response list(@QueryParam("kind") String kind, @QueryParam("category") String category, @QueryParam("tag") String tag,
            @QueryParam("mandatory") String mandatory, @QueryParam("offset") String offset, @QueryParam("limit") String limit,
            @Context HttpHeaders headers, @Context Providers providers) {
        Page<ItemSummary> page = library.list(new LibraryQuery(kind, category, tag, Params.bool("mandatory", mandatory)), PageRequest.parse(offset, limit));
        return Representation.json(page, headers, providers, false);
    }

    @GET
    @Path("items/{id}")
    @RequiresPermission(HandbookPermissions.READ)
    @Returns(value = ItemView.class, description = "The item with its sanitized HTML body")
    @Returns(status = 304)
    public Response get(@PathParam("id") String id, @Context HttpHeaders headers, @Context Providers providers) {
        return Representation.json(library.get(id), headers, providers, false);
    }

    @GET
    @Path("search")
    @RequiresPermission(HandbookPermissions.READ)
    @Returns(value = Bodies.SearchPage.class, description = "Items whose title, summary or body has every word, best first")
    @Returns(status = 304)
    public Response search(@QueryParam("q") String q, @QueryParam("offset") String offset, @QueryParam("limit") String limit,
            @Context HttpHeaders headers, @Context Providers providers) {
        if (q != null && q.length() > 1000) {
            q = q.substring(0, 1000);
        }
        return Representation.json(library.search(q, PageRequest.parse(offset, limit)), headers, providers, false);
    }

    @GET
    @Path("changes")
    @RequiresPermission(HandbookPermissions.READ)
    @Returns(value = Changes.class, description = "What changed for you since the cursor; send next as since")
    @Returns(status = 304)
    public Response changes(@QueryParam("since") String since, @QueryParam("limit") String limit, @Context HttpHeaders headers,
            @Context Providers providers) {
        int n = PageRequest.parse(null, limit == null || limit.isBlank() ? "100" : limit).limit();
        return Representation.json(library.changes(since, n), headers, providers, false);
    }

    @GET
    @Path("packet")
    @RequiresPermission(HandbookPermissions.READ)
    @Returns(value = Packet.class, description = "Your offline packet; resumable with Range and If-Range")
    @Returns(value = Packet.class, status = 206, description = "The part asked with Range")
    @Returns(status = 304)
    public Response packet(@Context HttpHeaders headers, @Context Providers providers) {
        return Representation.json(library.packet(), headers, providers, true);
    }

    @GET
    @Path("to-read")
    @RequiresPermission(HandbookPermissions.READ)
    @Returns(value = Bodies.ItemPage.class, description = "Your mandatory items not read yet, nearest deadline first")
    @Returns(status = 304)
    public Response toRead(@QueryParam("offset") String offset, @QueryParam("limit") String limit, @Context HttpHeaders headers,
            @Context Providers providers) {
        return Representation.json(reading.toRead(PageRequest.parse(offset, limit)), headers, providers, false);
    }

    @GET
    @Path("items/{id}/attachments/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    @RequiresPermission(HandbookPermissions.READ)
    @Returns(value = byte[].class, mediaType = "application/octet-stream", description = "The file (its media type from its bytes)")
    @Returns(value = byte[].class, status = 206, mediaType = "application/octet-stream", description = "The part asked with Range")
    @Returns(status = 304)
    public Response attachment(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId, @Context HttpHeaders headers) {
        AttachmentFile file = library.attachment(id, attachmentId);
        AttachmentInfo info = file.info();
        String tag = "\"" + info.sha256() + "\"";
        if (Representation.matches(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), info.sha256())) {
            return Response.notModified().header(HttpHeaders.ETAG, tag).header(HttpHeaders.CACHE_CONTROL, "private, max-age=31536000, immutable").build();
        }
        long[] r = Ranges.parse(headers.getHeaderString("Range"), headers.getHeaderString("If-Range"), tag, info.size());
        Response.ResponseBuilder b;
        long first = 0;
        long length = info.size();
        if (r != null && r.length == 0) {
            return Response.status(416).header("Content-Range", "bytes */" + info.size()).header(HttpHeaders.ETAG, tag).build();
        } else if (r != null) {
            first = r[0];
            length = r[1] - r[0] + 1;
            b = Response.status(206).header("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + info.size());
        } else {
            b = Response.ok();
        }
        long from = first;
        long n = length;
        StreamingOutput body = (OutputStream out) -> {
            try (InputStream in = file.open(from, n)) {
                in.transferTo(out);
            }
        };
        return b.entity(body).type(info.mediaType()).header(HttpHeaders.CONTENT_LENGTH, n).header(HttpHeaders.ETAG, tag).header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=31536000, immutable")
                .header("Content-Disposition", disposition(info.fileName())).header("X-Content-Type-Options", "nosniff").build();
    }

    /** RFC 6266: an ASCII fallback and the Vietnamese name in RFC 8187 encoding. */
    static String disposition(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace('đ', 'd').replace('Đ', 'D')
                .replaceAll("[^A-Za-z0-9._ -]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- reading ----

    @POST
    @Path("items/{id}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(HandbookPermissions.READ)
    public ReadResult read(@PathParam("id") String id, ReadReceipt receipt) {
        return reading.read(id, receipt);
    }

    @POST
    @Path("reads")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(HandbookPermissions.READ)
    public List<ReadResult> readAll(ReadBatch batch) {
        return reading.readAll(batch);
    }

    @POST
    @Path("items/{id}/reads-on-behalf")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(HandbookPermissions.READING_RECORD)
    public ReadResult readOnBehalf(@PathParam("id") String id, OnBehalfRead read) {
        return reading.readOnBehalf(id, read);
    }

    @GET
    @Path("items/{id}/reading")
    @RequiresPermission(HandbookPermissions.READING_REPORT)
    public ReadingRates rates(@PathParam("id") String id, @QueryParam("unit") String unit) {
        return reading.rates(id, unit);
    }

    @GET
    @Path("items/{id}/unread")
    @RequiresPermission(HandbookPermissions.READING_NAMES)
    public List<UnreadMember> unread(@PathParam("id") String id, @QueryParam("cell") String cell) {
        return reading.unread(id, cell);
    }

    // ---- bookmarks and notes ----

    @PUT
    @Path("items/{id}/bookmark")
    @RequiresPermission(HandbookPermissions.READ)
    public void bookmark(@PathParam("id") String id) {
        personal.bookmark(id);
    }

    @DELETE
    @Path("items/{id}/bookmark")
    @RequiresPermission(HandbookPermissions.READ)
    public void unbookmark(@PathParam("id") String id) {
        personal.unbookmark(id);
    }

    @GET
    @Path("bookmarks")
    @RequiresPermission(HandbookPermissions.READ)
    public Page<ItemSummary> bookmarks(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return personal.bookmarks(PageRequest.parse(offset, limit));
    }

    @GET
    @Path("items/{id}/note")
    @RequiresPermission(HandbookPermissions.READ)
    public Note note(@PathParam("id") String id) {
        return personal.note(id);
    }

    @PUT
    @Path("items/{id}/note")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(HandbookPermissions.READ)
    public Note saveNote(@PathParam("id") String id, NoteDraft draft) {
        return personal.saveNote(id, draft);
    }

    @DELETE
    @Path("items/{id}/note")
    @RequiresPermission(HandbookPermissions.READ)
    public void deleteNote(@PathParam("id") String id) {
        personal.deleteNote(id);
    }

    @GET
    @Path("notes")
    @RequiresPermission(HandbookPermissions.READ)
    public Page<Note> notes(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return personal.notes(PageRequest.parse(offset, limit));
    }

    // ---- the catalog ----

    @GET
    @Path("kinds")
    @RequiresPermission(HandbookPermissions.READ)
    @Returns(value = Kind[].class, description = "The kinds of items, in their order")
    @Returns(status = 304)
    public Response kinds(@Context HttpHeaders headers, @Context Providers providers) {
        return Representation.json(catalog.kinds(), headers, providers, false);
    }

    @POST
    @Path("kinds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(HandbookPermissions.CATALOG_MANAGE)
    public Kind saveKind(Kind kind) {
        return catalog.saveKind(kind);
    }

    @GET
    @Path("categories")
    @RequiresPermission(HandbookPermissions.READ)
    @Returns(value = Category[].class, description = "The category tree, depth first")
    @Returns(status = 304)
    public Response categories(@Context HttpHeaders headers, @Context Providers providers) {
        return Representation.json(catalog.categories(), headers, providers, false);
    }

    @POST
    @Path("categories")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(HandbookPermissions.CATALOG_MANAGE)
    @Returns(value = Category.class, status = 201, description = "Created")
    public Response createCategory(CategoryDraft draft) {
        return Response.status(201).entity(catalog.createCategory(draft)).build();
    }

    static SotayException bad(String field, String code, Text message) {
        return SotayException.invalid(List.of(new FieldError(field, code, message)));
    }
}
