package io.keycloakiot.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One signed-in person's headless Chromium (Debian's {@code chromium} and {@code chromedriver}), driven through
 * Selenium. Every step waits for what it needs to see (explicit waits, no sleeps); {@link #screenshot} saves the
 * page under {@code target/screenshots}.
 */
public final class Chromium implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
        // React re-renders replace elements while a condition looks at them: try again, as for a missing one.
        this.wait = (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class);
    }

    /** A new browser with its own profile (cookies), English or German user interface. */
    public static Chromium start(String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
        // The flags that make Chromium work headless as root on a machine without outside network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1440,1000", "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv().getOrDefault("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver")))
                .build();
        return new Chromium(new ChromeDriver(service, options));
    }

    public Chromium open(String url) {
        driver.get(url);
        return this;
    }

    /** Keycloak's login form, as any user fills it in. */
    public Chromium signIn(String username, String password) {
        type(By.id("username"), username);
        type(By.id("password"), password);
        click(By.id("kc-login"));
        return this;
    }

    public static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** The input or text area of a component that carries the test id on its wrapper (PatternFly's do). */
    public static By fieldIn(String id) {
        return By.xpath("//*[@data-testid='" + id + "']/descendant-or-self::*[self::input or self::textarea]");
    }

    public static By text(String tag, String text) {
        return By.xpath("//" + tag + "[normalize-space(.)=" + xpathLiteral(text) + "]");
    }

    public WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** An element that is in the page, shown or not (e.g. the visually hidden input of a switch). */
    public WebElement present(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /** Waits until a checkbox or switch input has this state. */
    public Chromium awaitSelected(By by, boolean selected) {
        wait.until(ExpectedConditions.elementSelectionStateToBe(by, selected));
        return this;
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public Chromium click(By by) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(by));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        wait.until(ExpectedConditions.elementToBeClickable(element)).click();
        return this;
    }

    public Chromium type(By by, String text) {
        WebElement field = visible(by);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Waits until the element shows exactly this text (after trimming). */
    public Chromium awaitText(By by, String text) {
        wait.until(driver -> {
            List<WebElement> found = driver.findElements(by);
            return found.stream().anyMatch(element -> element.isDisplayed() && element.getText().trim().equals(text));
        });
        return this;
    }

    public Chromium awaitGone(By by) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(by));
        return this;
    }

    public String pageSource() {
        return driver.getPageSource();
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** Saves the viewport as {@code target/screenshots/<name>.png} and returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }
}
