package org.sotay.core.rest.internal;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;
import org.sotay.core.api.Api;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/** Jackson for {@code application/json} and {@code application/problem+json}, with {@link Json#MAPPER}. */
@Component(service = { MessageBodyReader.class, MessageBodyWriter.class })
@JaxrsExtension
@JaxrsMediaType({ MediaType.APPLICATION_JSON, Api.PROBLEM_JSON })
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Consumes({ MediaType.APPLICATION_JSON, "application/*+json" })
@Produces({ MediaType.APPLICATION_JSON, "application/*+json" })
public class JsonProvider extends JacksonJsonProvider {
    public JsonProvider() {
        super(Json.MAPPER);
    }
}
