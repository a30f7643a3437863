package dev.lifeline.acceptance;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Headless Chromium from Debian's packages, driven through Debian's chromedriver: a person's
 * browser on the reference pages. Screenshots go to {@code acceptance/target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final String baseUrl;
    private int shots;

    Browser(String baseUrl) throws IOException {
        this.baseUrl = baseUrl;
        Path profile = Files.createTempDirectory("lifeline-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the flags that keep Chromium quiet on a machine with a closed network
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,1400", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        this.driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** The sign-in page's first step, as a person types it: username, password, Enter. */
    void signIn(Person person) {
        open("/");
        type("#username", person.username);
        type("#password", person.password);
        pressEnter("#password");
    }

    /** Both steps with a text message: the password, then the code of the person's {@code nth} text; ends on /account. */
    void signInBySms(Person person, int nth) {
        signIn(person);
        click("#send-sms");
        type("#sms-code", person.awaitCode(nth));
        click("#verify-sms");
        awaitPath("/account");
    }

    WebElement find(String css) {
        return await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Presses Enter in a field, as a person using only the keyboard submits a form. */
    void pressEnter(String css) {
        find(css).sendKeys(org.openqa.selenium.Keys.ENTER);
    }

    /** The window's size in CSS pixels: 390 × 844 is a phone. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    void click(String css) {
        await().until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /** Clicks the button whose text is {@code label} inside the element {@code css} whose text contains {@code rowText}. */
    void clickIn(String css, String rowText, String label) {
        await().until(d -> {
            for (WebElement row : d.findElements(By.cssSelector(css))) {
                if (row.getText().contains(rowText)) {
                    for (WebElement button : row.findElements(By.tagName("button"))) {
                        if (button.getText().equals(label) && button.isEnabled()) {
                            button.click();
                            return true;
                        }
                    }
                }
            }
            return false;
        });
    }

    void awaitText(String css, String text) {
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    void awaitNotEmpty(String css) {
        await().until(d -> !d.findElement(By.cssSelector(css)).getText().isBlank());
    }

    void awaitPath(String path) {
        await().until(d -> d.getCurrentUrl().endsWith(path));
    }

    String text(String css) {
        return find(css).getText();
    }

    List<String> texts(String css) {
        await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    boolean visible(String css) {
        return driver.findElements(By.cssSelector(css)).stream().anyMatch(WebElement::isDisplayed);
    }

    /** Keeps what the screen shows now as target/screenshots/NN-name.png, and returns where. */
    Path screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path kept = SCREENSHOTS.resolve(String.format("%02d-%s.png", ++shots, name));
        Files.copy(shot.toPath(), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return kept;
    }

    /**
     * A passkey authenticator built into this browser (Chromium's virtual authenticator, as a
     * phone's or laptop's platform authenticator): it makes and uses passkeys and always consents.
     */
    VirtualAuthenticator addPasskeyAuthenticator() {
        return ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    /** Runs {@code script} in the page; it ends by calling {@code done(result)}. Returns the result. */
    Object runAsync(String script, Object... arguments) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];\n" + script, arguments);
    }

    /** Runs {@code script} in the page and returns what it returns. */
    Object run(String script, Object... arguments) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** A fresh start, as after closing the tab: the pages keep sessions in sessionStorage only. */
    void forgetSessions() {
        open("/");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
    }

    private WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
