package com.tickets.system;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.tickets.local.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The web page in a real browser (Debian's headless Chromium driven by Playwright; Playwright's own
 * browser download cannot work here): book and see it confirmed, watch availability change when
 * someone else books, meet a sold-out tier, and find the sale on the organizers' dashboard.
 * Screenshots go to docs/screenshots/ for the README.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Stack.ROOT.resolve("docs/screenshots");

    static Stack stack;
    static ServiceProcess api;
    static Playwright playwright;
    static Browser browser;
    static Http.Tier tier;
    static Http.Tier lastTicket;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian chromium is not installed (.ci/run installs it)");
        stack = new Stack("-web");
        int apiPort = Stack.freePort();
        int analyticsPort = Stack.freePort();
        stack.start("analytics-projector", "analytics-projector",
                Map.of("ANALYTICS_CORS_ORIGINS", "http://localhost:" + apiPort), analyticsPort);
        api = stack.start("booking-api", "booking-api",
                Map.of("ANALYTICS_PUBLIC_URL", "http://localhost:" + analyticsPort), apiPort);
        stack.start("payment-worker", "payment-worker", Map.of());
        tier = Http.concertWithTier(stack.jdbcUrl("booking"), "Browser Night", "42.00", 50);
        lastTicket = Http.concertWithTier(stack.jdbcUrl("booking"), "Tiny Club Show", "15.00", 1);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--disable-quic")));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
            playwright.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aBuyerBooksATicketAndSeesItConfirmed() throws Exception {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(390, 844)); // a phone
        page.navigate(api.base().toString());
        assertThat(page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Browser Night"))).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("catalog.png")).setFullPage(true));

        page.getByLabel("Book GA for Browser Night").click();
        page.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true)).fill("browser@example.com");
        page.getByLabel("Number of tickets").selectOption("2");
        assertThat(page.getByTestId("total")).hasText("$84.00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay and book")).dblclick(); // a double click books once

        assertThat(page.getByTestId("booking-status")).hasText("CONFIRMED", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(60_000));
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("booking-confirmed.png")));
        org.assertj.core.api.Assertions.assertThat(Http.bookingsCount(stack.jdbcUrl("booking"), "browser@example.com")).isEqualTo(1);

        // the page kept the buyer's access token, so "my bookings" shows the booking
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("See all my bookings")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show my bookings")).click();
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("CONFIRMED");
        page.close();
    }

    @Test
    @Order(2)
    void anotherBrowserCannotListSomeoneElsesBookings() {
        Page page = browser.newPage(); // a context of its own: no access token in its storage
        page.navigate(api.base() + "#/bookings");
        page.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true)).fill("browser@example.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show my bookings")).click();
        assertThat(page.getByTestId("no-access-token")).containsText("no access key");
        assertThat(page.getByRole(AriaRole.TABLE)).hasCount(0);
        page.close();
    }

    @Test
    @Order(3)
    void availabilityChangesOnScreenWhenSomeoneElseBooks() throws Exception {
        Page page = browser.newPage();
        page.navigate(api.base().toString());
        var available = page.getByTestId("tier-" + tier.tierId()).getByTestId("available");
        assertThat(available).hasText("48");
        Thread.sleep(2000); // the page's stream is open; another buyer books through the API
        Http.book(api.base(), tier, "someone-else@example.com", 5);
        assertThat(available).hasText("43", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(20_000));
        page.close();
    }

    @Test
    @Order(4)
    void aSoldOutTierSaysSoClearly() {
        Page page = browser.newPage();
        page.navigate(api.base() + "#/book/" + lastTicket.tierId());
        page.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true)).fill("late@example.com");
        page.getByLabel("Number of tickets").selectOption("2");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay and book")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Only 1 left");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("sold-out.png")));
        page.close();
    }

    @Test
    @Order(5)
    void theOrganizerSeesTheSaleOnTheDashboard() {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1200, 900));
        page.navigate(api.base() + "#/dashboard");
        page.getByLabel("User").fill("organizer");
        page.getByLabel("Password").fill("organizer");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        // the 2 tickets bought in the browser (84.00) plus 5 bought by the other buyer once paid (210.00)
        assertThat(page.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName("Browser Night")))
                .containsText("$294.00", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Revenue by tier"))).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard.png")).setFullPage(true));
        page.close();
    }
}
