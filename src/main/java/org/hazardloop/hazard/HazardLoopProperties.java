package org.hazardloop.hazard;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Application settings under {@code hazardloop.*}.
 *
 * @param zone the offices' time zone: a date-time entered without an offset is read in it
 */
@ConfigurationProperties("hazardloop")
public record HazardLoopProperties(@DefaultValue("Asia/Shanghai") ZoneId zone) {
}
