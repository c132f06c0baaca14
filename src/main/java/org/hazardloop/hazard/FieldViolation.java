package org.hazardloop.hazard;

/** One refused field: its name as the client sent it and a message a supervisor can act on. */
public record FieldViolation(String field, String message) {

    @Override
    public String toString() {
        return message + "（" + field + "）";
    }
}
