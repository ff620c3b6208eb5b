package io.driftwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The service's JDBC URL: H2's shutdown hook off and commits written at once unless the URL says
 * otherwise; other databases untouched.
 */
class DatabaseUrlsTest {

    @Test
    void turnsOffH2sShutdownHookOnTheEmbeddedDefault() {
        assertThat(DatabaseUrls.forService("jdbc:h2:file:./data/driftwatch;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH"))
                .isEqualTo("jdbc:h2:file:./data/driftwatch;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH"
                        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    }

    @Test
    void keepsAnH2UrlThatDecidesItself() {
        assertThat(DatabaseUrls.forService("jdbc:h2:file:/srv/dw;db_close_on_exit=true;write_delay=500"))
                .isEqualTo("jdbc:h2:file:/srv/dw;db_close_on_exit=true;write_delay=500");
        assertThat(DatabaseUrls.forService("jdbc:h2:file:/srv/dw;WRITE_DELAY=100"))
                .isEqualTo("jdbc:h2:file:/srv/dw;WRITE_DELAY=100;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void leavesPostgresqlUrlsAlone() {
        assertThat(DatabaseUrls.forService("jdbc:postgresql://db:5432/driftwatch?ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/driftwatch?ssl=true");
    }
}
