package io.driftwatch.api;

import io.driftwatch.DriftwatchApplication;
import java.time.Clock;

/**
 * The service on {@link #CLOCK}, a clock the late-label tests set to the day they play.
 *
 * <p>Thread-safe: as the application.
 */
public class ClockedApplication extends DriftwatchApplication {
    public static final SettableClock CLOCK = new SettableClock();

    @Override
    protected Clock clock() {
        return CLOCK;
    }
}
