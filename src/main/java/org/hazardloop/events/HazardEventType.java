package org.hazardloop.events;

import java.util.Arrays;
import java.util.Optional;
import org.hazardloop.hazard.TimelineAction;

/**
 * Every CloudEvents {@code type} this application publishes, and the stream (topic) it goes to.
 * docs/events.md and docs/asyncapi.yaml list the same types; a test keeps them in step.
 *
 * <p>Each type is emitted for the timeline action of the same name, in the transaction that writes the
 * timeline entry: a lifecycle event for a user's step ({@code HazardLifecycleEvents}), an escalation event
 * for a deadline notice of the process's timers ({@code HazardEscalationEvents}).
 * {@link TimelineAction#CLOSEOUT_APPROVED} has no event of its own: the approval ends the process and is
 * followed at once by {@link #CLOSED}.
 */
public enum HazardEventType {

    REPORTED("hazard.reported", Stream.LIFECYCLE),
    ASSIGNED("hazard.assigned", Stream.LIFECYCLE),
    EXTENSION_REQUESTED("hazard.extension-requested", Stream.LIFECYCLE),
    EXTENSION_APPROVED("hazard.extension-approved", Stream.LIFECYCLE),
    EXTENSION_REJECTED("hazard.extension-rejected", Stream.LIFECYCLE),
    RECTIFICATION_SUBMITTED("hazard.rectification-submitted", Stream.LIFECYCLE),
    VERIFICATION_FAILED("hazard.verification-failed", Stream.LIFECYCLE),
    VERIFIED("hazard.verified", Stream.LIFECYCLE),
    CLOSEOUT_REJECTED("hazard.closeout-rejected", Stream.LIFECYCLE),
    CLOSED("hazard.closed", Stream.LIFECYCLE),

    DEADLINE_APPROACHING("hazard.deadline-approaching", Stream.ESCALATIONS),
    OVERDUE("hazard.overdue", Stream.ESCALATIONS),
    ESCALATED("hazard.escalated", Stream.ESCALATIONS);

    /** The topics events go to; their names are configured under {@code hazardloop.events.topics}. */
    public enum Stream {
        LIFECYCLE,
        ESCALATIONS;

        public String topic(EventsProperties.Topics topics) {
            return this == LIFECYCLE ? topics.lifecycle() : topics.escalations();
        }
    }

    private final String type;
    private final Stream stream;

    HazardEventType(String type, Stream stream) {
        this.type = type;
        this.stream = stream;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    public Stream stream() {
        return stream;
    }

    /** The event a timeline action is published as, if any. */
    public static Optional<HazardEventType> forAction(TimelineAction action) {
        return Arrays.stream(values()).filter(type -> type.name().equals(action.name())).findFirst();
    }
}
