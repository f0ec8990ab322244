package io.keycloakiot.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import org.openqa.selenium.support.ui.Select;

import static io.keycloakiot.support.Chromium.fieldIn;
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

    private static final String ACCOUNT = "/realms/iot/account/";
    private static final String ADMIN_CONSOLE = "/admin/iot/console/";
    private static final By TOKEN_SECRET = fieldIn("iot-token-secret");
    private static final List<String> SHOTS = new ArrayList<>();

    @InjectRealm(fromJson = "/iot-realm.json", lifecycle = LifeCycle.METHOD)
    ManagedRealm realm;

    @Test
    void ownerCreatesTokensSharesRecipientAcceptsOwnerRevokesAdminDisables() {
        String deviceId;
        try (Chromium alice = Chromium.start("en")) {
            alice.open(IotApi.url(ACCOUNT)).signIn("alice", RealmUsers.password("alice"));
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

        String bobToken = IotApi.userToken("bob");
        assertFalse(IotApi.check(bobToken, "device", deviceId, "read").get("allowed").asBoolean());
        // bob's browser speaks German: Keycloak's pages and the pack's follow it.
        try (Chromium bob = Chromium.start("de")) {
            bob.open(IotApi.url(ACCOUNT)).signIn("bob", RealmUsers.password("bob"));
            openIotPage(bob, "Geräte & Freigaben", "iot/shared-with-me");
            bob.awaitText(testId("page-heading"), "Mit mir geteilt");
            bob.awaitText(testId("iot-share-status"), "PENDING");
            shot(bob, "account-shared-with-me-pending");
            bob.click(testId("iot-share-accept")).awaitText(testId("iot-share-status"), "ACCEPTED");
            shot(bob, "account-shared-with-me-accepted");
            openIotPage(bob, "Geräte & Freigaben", "iot/devices");
            bob.visible(text("a", "Heat pump"));
            shot(bob, "account-my-devices-shared");
        }
        assertTrue(IotApi.check(bobToken, "device", deviceId, "read").get("allowed").asBoolean());
        assertFalse(IotApi.check(bobToken, "device", deviceId, "control").get("allowed").asBoolean());

        try (Chromium alice = Chromium.start("en")) {
            alice.open(IotApi.url(ACCOUNT + "iot/devices/" + deviceId)).signIn("alice", RealmUsers.password("alice"));
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
            carol.open(IotApi.url(ADMIN_CONSOLE)).signIn("carol", RealmUsers.password("carol"));
            carol.click(testId("nav-item-iot-devices"));
            carol.type(fieldIn("table-search-input"), "Heat pump");
            carol.visible(fieldIn("table-search-input")).sendKeys(Keys.ENTER);
            shot(carol, "admin-devices");
            carol.click(text("a", "Heat pump"));
            By enabled = By.id("iot-admin-device-enabled");
            assertTrue(carol.present(enabled).isSelected());
            shot(carol, "admin-device");
            carol.click(By.cssSelector("label[for='iot-admin-device-enabled']")).awaitSelected(enabled, false);
            carol.visible(By.cssSelector(".pf-v5-c-alert.pf-m-success"));
            shot(carol, "admin-device-disabled");
        }
        String adminToken = IotApi.userToken("carol");
        assertFalse(admin("GET", "/devices/" + deviceId, adminToken, null).expect(200).json().get("enabled").asBoolean());
        String aliceToken = IotApi.userToken("alice");
        assertFalse(self("GET", "/devices/" + deviceId, aliceToken, null).expect(200).json().get("enabled").asBoolean());
    }

    @Test
    void groundsAccessTokensAndTheAdminPagesWork() {
        String aliceToken = IotApi.userToken("alice");
        String deviceId = IotApi.newDevice(aliceToken, "Porch light");
        String profileToken;
        try (Chromium alice = Chromium.start("en")) {
            alice.open(IotApi.url(ACCOUNT)).signIn("alice", RealmUsers.password("alice"));

            // A ground with the device in it.
            openIotPage(alice, "iot/grounds");
            alice.click(testId("iot-create-ground")).type(By.id("iot-ground-name"), "Garden")
                    .click(testId("iot-ground-save"));
            shot(alice, "account-grounds");
            alice.click(text("a", "Garden")).click(testId("iot-tab-ground-devices"))
                    .click(testId("iot-ground-add-device"));
            alice.click(By.xpath("//tr[.//*[normalize-space(.)='Porch light']]//input[@type='checkbox']"))
                    .click(testId("iot-ground-add-device-confirm"));
            alice.visible(text("td", "Porch light"));
            shot(alice, "account-ground-devices");
            alice.click(testId("iot-tab-tokens"));
            shot(alice, "account-ground-tokens");

            // An access-token profile made with the permission editor: read on every device.
            openIotPage(alice, "iot/access-tokens");
            shot(alice, "account-access-tokens-empty");
            alice.click(testId("iot-create-profile")).type(By.id("iot-profile-name"), "Dashboard reader");
            if (alice.all(By.id("iot-permission-type-0")).isEmpty()) {
                alice.click(testId("iot-add-permission"));
            }
            new Select(alice.visible(By.id("iot-permission-type-0"))).selectByValue("device");
            alice.click(By.cssSelector("label[for='iot-permission-all-0']"))
                    .click(By.cssSelector("label[for='iot-permission-0-action-read']"));
            shot(alice, "account-access-token-editor");
            alice.click(testId("iot-profile-save"));
            profileToken = alice.visible(TOKEN_SECRET).getDomProperty("value");
            assertTrue(profileToken.startsWith("iotp_"), profileToken);
            alice.click(testId("iot-token-done")).awaitGone(TOKEN_SECRET);
            alice.visible(text("a", "Dashboard reader"));
            shot(alice, "account-access-tokens");

            // A profile that names one device shows the device's name in its permission label, not the start of its id.
            self("POST", "/tokens", aliceToken, Map.of("name", "Porch reader", "permissions",
                    List.of(Map.of("type", "device", "resource", deviceId, "actions", List.of("read"))))).expect(201);
            // Loaded again (the list was read before the profile existed); the session signs her in.
            alice.open(IotApi.url(ACCOUNT + "iot/access-tokens"));
            alice.visible(By.xpath("//span[normalize-space(.)='device Porch light: read']"));
        }
        // What the pages did, seen through the API: the ground holds the device, the profile reads and only reads.
        JsonNode grounds = self("GET", "/grounds", aliceToken, null).expect(200).json();
        assertEquals(1, grounds.size());
        assertEquals(deviceId, self("GET", "/grounds/" + grounds.get(0).get("id").asText() + "/devices", aliceToken, null)
                .expect(200).json().get(0).get("id").asText());
        assertTrue(IotApi.check(profileToken, "device", deviceId, "read").get("allowed").asBoolean());
        assertFalse(IotApi.check(profileToken, "device", deviceId, "control").get("allowed").asBoolean());

        RealmUsers.create(realm.admin(), "carol", "realm-admin");
        try (Chromium carol = Chromium.start("de")) {
            carol.open(IotApi.url(ADMIN_CONSOLE)).signIn("carol", RealmUsers.password("carol"));
            carol.click(testId("nav-item-iot-import"));
            carol.type(By.cssSelector("[data-testid='iot-admin-import-text'] textarea"), "name,type,owner\nCellar sensor,sensor,alice\n,sensor,alice\n");
            carol.click(testId("iot-admin-import-submit"))
                    .awaitText(testId("iot-admin-import-counts"), "Angelegt: 1, fehlgeschlagen: 1");
            shot(carol, "admin-import-de");
            carol.click(testId("nav-item-iot-shares"));
            shot(carol, "admin-shares-de");
            carol.click(testId("nav-item-iot-catalogue")).visible(text("td", "bucket"));
            shot(carol, "admin-catalogue-de");
            carol.click(testId("nav-item-iot-settings")).visible(testId("iot-admin-settings-save"));
            shot(carol, "admin-settings-de");
        }
        // The import's good row created alice's second device; its bad row nothing.
        assertEquals(2, self("GET", "/devices?relation=owned", aliceToken, null).expect(200).json().size());
    }

    /** Opens one of the pack's pages through the account console's menu (its "Devices & sharing" group). */
    private static void openIotPage(Chromium browser, String path) {
        openIotPage(browser, "Devices & sharing", path);
    }

    private static void openIotPage(Chromium browser, String menuGroup, String path) {
        By link = testId(path);
        if (browser.all(link).stream().noneMatch(element -> element.isDisplayed())) {
            browser.click(By.xpath("//button[contains(@class, 'pf-v5-c-nav__link')][normalize-space(.)='" + menuGroup + "']"));
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
