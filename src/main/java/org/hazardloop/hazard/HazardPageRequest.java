package org.hazardloop.hazard;

/**
 * Which page of a ledger list, in which order. Ties are broken by the hazard number in the same
 * direction, so pages never overlap or skip an entry.
 */
public record HazardPageRequest(int page, int size, HazardSort sort, boolean descending) {

    public static final int DEFAULT_SIZE = 20;
    /** Past this a page stops being a page: exports of the whole ledger have their own path. */
    public static final int MAX_SIZE = 200;
}
