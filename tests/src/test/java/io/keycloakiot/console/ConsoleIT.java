package io.keycloakiot.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.Chromium;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import static io.keycloakiot.support.Chromium.testId;
import static io.keycloakiot.support.Chromium.text;
import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pack's console pages in real headless Chromium against the real server: the account console (the `iot`
 * account theme of the demo realm) and the admin console (its `iot` admin theme). Each page visited is saved as
 * a screenshot under target/screenshots, listed in target/screenshots/index.txt.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class ConsoleIT {

    private static final String ACCOUNT = IotApi.BASE + "/realms/iot/account/";
    private static final String ADMIN_CONSOLE = IotApi.BASE + "/admin/iot/console/";
    private static final By TOKEN_SECRET = By.xpath("//*[@data-testid='iot-token-secret']/descendant-or-self::input");
    private static final List<String> SHOTS = new ArrayList<>();

    @InjectRealm(fromJson = "/iot-realm.json", lifecycle = LifeCycle.METHOD)
    ManagedRealm realm;

    @Test
    void ownerCreatesTokensSharesRecipientAcceptsOwnerRevokesAdminDisables() {
        String deviceId;
        try (Chromium alice = Chromium.start("en")) {
            alice.open(ACCOUNT).signIn("alice", "alice");
            openIotPage(alice, "iot/devices");
            alice.visible(testId("empty-state"));
            shot(alice, "account-my-devices-empty");

            // A device, created from the page.
            alice.click(testId("iot-create-device"))
                    .type(By.id("iot-device-name"), "Heat pump")
                    .type(By.id("iot-device-type"), "thermostat")
                    .click(testId("iot-device-save"));
            alice.click(text("a", "Heat pump"));
            alice.visible(testId("iot-tab-settings"));
            deviceId = alice.url().substring(alice.url().lastIndexOf('/') + 1);
            shot(alice, "account-device-settings");

            // A device token: shown once, works, and is gone from the page once the dialog is closed.
            alice.click(testId("iot-tab-tokens")).click(testId("iot-generate-token"))
                    .type(By.id("iot-token-name"), "gateway")
                    .click(testId("iot-token-create"));
            String secret = alice.visible(TOKEN_SECRET).getDomProperty("value");
            assertTrue(secret.startsWith("iotd_"), secret);
            shot(alice, "account-device-token-shown-once");
            JsonNode introspection = IotApi.introspect(secret, null);
            assertTrue(introspection.get("active").asBoolean());
            assertEquals(deviceId, introspection.get("device_id").asText());
            alice.click(testId("iot-token-done")).awaitGone(TOKEN_SECRET);
            alice.visible(text("td", "gateway"));
            assertFalse(alice.pageSource().contains(secret), "the token must not stay in the page");
            shot(alice, "account-device-tokens");

            // Shared with bob for reading.
            alice.click(testId("iot-tab-sharing")).click(testId("iot-share-device"))
                    .type(By.id("iot-share-email"), "bob@example.com");
            assertTrue(alice.visible(By.id("iot-share-action-read")).isSelected(), "read is the default action");
            shot(alice, "account-share-dialog");
            alice.click(testId("iot-share-send")).awaitText(testId("iot-share-status"), "PENDING");
            shot(alice, "account-device-sharing-pending");
        }

        String bobToken = IotApi.userToken("bob", "bob");
        assertFalse(IotApi.check(bobToken, "device", deviceId, "read").get("allowed").asBoolean());
        try (Chromium bob = Chromium.start("en")) {
            bob.open(ACCOUNT).signIn("bob", "bob");
            openIotPage(bob, "iot/shared-with-me");
            bob.awaitText(testId("iot-share-status"), "PENDING");
            shot(bob, "account-shared-with-me-pending");
            bob.click(testId("iot-share-accept")).awaitText(testId("iot-share-status"), "ACCEPTED");
            shot(bob, "account-shared-with-me-accepted");
            openIotPage(bob, "iot/devices");
            bob.visible(text("a", "Heat pump"));
            shot(bob, "account-my-devices-shared");
        }
        assertTrue(IotApi.check(bobToken, "device", deviceId, "read").get("allowed").asBoolean());
        assertFalse(IotApi.check(bobToken, "device", deviceId, "control").get("allowed").asBoolean());

        try (Chromium alice = Chromium.start("en")) {
            alice.open(ACCOUNT + "iot/devices/" + deviceId).signIn("alice", "alice");
            alice.click(testId("iot-tab-sharing")).awaitText(testId("iot-share-status"), "ACCEPTED");
            shot(alice, "account-device-sharing-accepted");
            alice.click(testId("iot-share-revoke")).click(By.id("modal-confirm"))
                    .awaitText(testId("iot-share-status"), "REVOKED");
            shot(alice, "account-device-sharing-revoked");
        }
        assertFalse(IotApi.check(bobToken, "device", deviceId, "read").get("allowed").asBoolean());

        // A realm admin finds the device in the admin console's IoT section and disables it.
        RealmUsers.create(realm.admin(), "carol", "realm-admin");
        try (Chromium carol = Chromium.start("en")) {
            carol.open(ADMIN_CONSOLE).signIn("carol", "carol");
            carol.click(testId("nav-item-iot-devices"));
            carol.type(testId("table-search-input"), "Heat pump");
            carol.visible(testId("table-search-input")).sendKeys(Keys.ENTER);
            shot(carol, "admin-devices");
            carol.click(text("a", "Heat pump"));
            By enabled = By.id("iot-admin-device-enabled");
            assertTrue(carol.visible(enabled).isSelected());
            shot(carol, "admin-device");
            carol.click(By.xpath("//input[@id='iot-admin-device-enabled']/following-sibling::span"));
            carol.visible(testId("global-alerts"));
        }
        String adminToken = IotApi.userToken("carol", "carol");
        assertFalse(admin("GET", "/devices/" + deviceId, adminToken, null).expect(200).json().get("enabled").asBoolean());
        String aliceToken = IotApi.userToken("alice", "alice");
        assertFalse(self("GET", "/devices/" + deviceId, aliceToken, null).expect(200).json().get("enabled").asBoolean());
    }

    /** Opens one of the pack's pages through the account console's menu (its "Devices & sharing" group). */
    private static void openIotPage(Chromium browser, String path) {
        By link = testId(path);
        if (browser.all(link).stream().noneMatch(element -> element.isDisplayed())) {
            browser.click(By.xpath("//button[contains(@class, 'pf-v5-c-nav__link')][.//*[normalize-space(.)='Devices & sharing'] or normalize-space(.)='Devices & sharing']"));
        }
        browser.click(link);
    }

    private static void shot(Chromium browser, String name) {
        Path file = browser.screenshot(name);
        SHOTS.add(file + "  " + browser.url());
    }

    @AfterAll
    static void listScreenshots() throws Exception {
        Files.createDirectories(Chromium.SCREENSHOTS);
        Files.write(Chromium.SCREENSHOTS.resolve("index.txt"), SHOTS);
    }
}
