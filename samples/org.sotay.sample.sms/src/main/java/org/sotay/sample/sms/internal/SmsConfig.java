package org.sotay.sample.sms.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.sotay.sample.sms} ({@code etc/org.sotay.sample.sms.cfg}); without it the channel does not start. */
@ObjectClassDefinition(id = SmsConfig.PID, name = "Sotay SMS channel (sample)", description = "An HTTP SMS gateway for notify's messages")
@interface SmsConfig {
    String PID = "org.sotay.sample.sms";

    @AttributeDefinition(description = "The gateway's send URL (https; http only on loopback), POSTed one JSON message per SMS")
    String gatewayUrl();

    @AttributeDefinition(required = false, description = "API key, sent as Authorization: Bearer <key>; give either this or username and password")
    String apiKey() default "";

    @AttributeDefinition(required = false, description = "User name for HTTP Basic authentication (with password)")
    String username() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "Password for HTTP Basic authentication")
    String password() default "";

    @AttributeDefinition(description = "The sender name or number registered with the gateway (brandname, at most 11 letters or digits, or a number)")
    String sender();

    @AttributeDefinition(description = "At most this many messages are handed to the gateway in any 60 seconds; more are refused and retried by notify")
    int ratePerMinute() default 30;

    @AttributeDefinition(description = "Connect and response timeout of one gateway call, in seconds")
    int timeoutSeconds() default 10;

    @AttributeDefinition(description = "The phone book: a UTF-8 file of lines accountId,phone (no exported Sotay API gives a phone number to a plugin), re-read when it changes")
    String phoneBook();

    @AttributeDefinition(description = "Country calling code for numbers written with a leading 0 (84: 0912345678 becomes +84912345678)")
    String countryCode() default "84";

    @AttributeDefinition(description = "The language of the text sent: vi or en")
    String language() default "vi";

    @AttributeDefinition(description = "Longest text sent, in characters (Vietnamese with diacritics is 70 characters a segment)")
    int maxChars() default 320;
}
