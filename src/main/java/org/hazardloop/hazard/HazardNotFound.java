package org.hazardloop.hazard;

public class HazardNotFound extends RuntimeException {

    public HazardNotFound(String number) {
        super("隐患 " + number + " 不存在");
    }
}
