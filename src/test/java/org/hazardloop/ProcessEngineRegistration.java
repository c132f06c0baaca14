package org.hazardloop;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Makes the process engine of a test's application context the one Camunda's REST API and web apps find by
 * name. They look engines up in a static registry ({@link ProcessEngines}), where every application context of
 * the test JVM registers its engine "default" over the previous one, and closing one removes the name for all.
 * In production there is one application and one engine; the test suite keeps several contexts alive, and a
 * request to one context's server must reach that context's engine, or the user its login tells the engine about
 * would be told to another.
 */
public class ProcessEngineRegistration implements TestExecutionListener {

    @Override
    public void prepareTestInstance(TestContext testContext) {
        register(testContext);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        register(testContext);
    }

    private static void register(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        context.getBeanProvider(ProcessEngine.class).ifAvailable(ProcessEngines::registerProcessEngine);
    }
}
