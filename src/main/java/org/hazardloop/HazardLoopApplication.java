package org.hazardloop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class HazardLoopApplication {

    public static void main(String[] args) {
        SpringApplication.run(HazardLoopApplication.class, args);
    }
}
