package org.sotay.reporting.api;

import org.sotay.core.api.Required;

/**
 * One step of a cell's meeting in a period, as the funnel counts it: the cells of the subtree that
 * reached it, and their share of the subtree's cells. The steps, in order:
 * <ul>
 * <li>{@code registered}: a meeting of the period registered in Sotay (not cancelled);</li>
 * <li>{@code on-time}: registered by the deadline (the 20th of the month before, by default);</li>
 * <li>{@code documents}: its documents posted to the cell at least a day before (every one of them);</li>
 * <li>{@code held}: its attendance recorded, or signed paper minutes filed;</li>
 * <li>{@code minutes}: its minutes approved, or filed on paper.</li>
 * </ul>
 */
public record Step(@Required String code, @Required String vi, @Required String en, long cells, @Required Rate share) {
    public static final String REGISTERED = "registered";
    public static final String ON_TIME = "on-time";
    public static final String DOCUMENTS = "documents";
    public static final String HELD = "held";
    public static final String MINUTES = "minutes";
}
