/** The SMS channel's implementation; nothing is exported. */
package org.sotay.sample.sms.internal;
