package org.hazardloop.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The last-resort path, which no well-formed request to the real endpoints reaches: an endpoint of
 * this package that fails unexpectedly answers a 500 problem that gives nothing of the internals away.
 */
class ApiProblemHandlerTest {

    /** Nested in a test class, so component scanning leaves it out of the application contexts of other tests. */
    @RestController
    static class FailingEndpoint {
        @GetMapping("/api/failing")
        String fail() {
            throw new IllegalStateException("connection to jdbc:postgresql://db-internal:5432/ledger refused");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingEndpoint())
            .setControllerAdvice(new ApiProblemHandler())
            .build();

    @Test
    void anUnexpectedFailureIsA500ProblemWithoutInternals() throws Exception {
        mvc.perform(get("/api/failing").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(500))
                .andExpect(jsonPath("$.title").value("服务器内部错误"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("已记录日志")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("jdbc"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("IllegalStateException"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("at org."))));
    }
}
