package org.sotay.registry.api;

/** How a cell's usual meeting venue reaches the internet. */
public enum Connectivity {
    NONE, MOBILE_DATA, WIFI, UNKNOWN
}
