package org.hazardloop.organization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A node of the supervision grid. {@code path} lists the codes from the top, e.g. {@code /C01/D01/T01/}. */
public record OrgUnit(String code, String name, OrgLevel level, String parentCode, String path) {

    /** This unit and its ancestors, nearest first. */
    public List<String> selfAndAncestors() {
        List<String> codes = new ArrayList<>(Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
        Collections.reverse(codes);
        return codes;
    }
}
