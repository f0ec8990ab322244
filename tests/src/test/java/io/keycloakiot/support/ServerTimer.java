package io.keycloakiot.support;

import org.keycloak.testframework.remote.runonserver.RunOnServerClient;
import org.keycloak.timer.TimerProvider;

/**
 * Runs one of the pack's timer tasks now, inside the server (Keycloak's run-on-server): the very task the server's
 * timer holds, with its transaction and cluster lock, so a test sees its effect on the next request instead of
 * waiting for the timer. The tests' server leaves a day between the timer's own runs ({@link IotServerConfig}).
 */
public final class ServerTimer {

    /**
     * For {@code @InjectRunOnServer(permittedPackages = ServerTimer.PACKAGE)}: the server loads the task's lambda, a
     * class of this package, from the tests.
     */
    public static final String PACKAGE = "io.keycloakiot.support";

    private ServerTimer() {
    }

    /** Runs the timer task of that name once and returns when it has committed. */
    public static void runNow(RunOnServerClient server, String taskName) {
        server.run(session -> {
            TimerProvider.TimerTaskContext task = session.getProvider(TimerProvider.class).getTasks().get(taskName);
            if (task == null) {
                throw new AssertionError("the server's timer has no task " + taskName);
            }
            task.getRunnable().run();
        });
    }
}
