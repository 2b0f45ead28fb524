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

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The web page in a real browser (Debian's headless Chromium driven by Playwright; Playwright's own
 * browser download cannot work here): book and see it confirmed, watch availability change when
 * someone else books, sign in with the mailed link to see one's bookings (and only one's own), open a
 * booking from its confirmation mail, meet a sold-out tier, and find the sale on the organizers' dashboard;
 * an organizer sets up a concert on the organizer screens, publishes it, meets the plain-language messages
 * of a bad sales window and of a capacity below what is sold, and cancels it (on this stack: no second start).
 * The mails are read from the notification-worker's mock mailbox ({@code /mailbox?to=}).
 * Screenshots go to docs/screenshots/ for the README.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Stack.ROOT.resolve("docs/screenshots");

    static Stack stack;
    static ServiceProcess api;
    static ServiceProcess mails;
    /** The sign-in link the buyer used in the first test: it works once. */
    static String usedSignInLink;
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
        String pageUrl = "http://localhost:" + apiPort;
        String accessTopic = "access.events" + stack.topicSuffix();
        api = stack.start("booking-api", "booking-api",
                Map.of("ANALYTICS_PUBLIC_URL", "http://localhost:" + analyticsPort, "PUBLIC_BASE_URL", pageUrl,
                        "ACCESS_EVENTS_TOPIC", accessTopic), apiPort);
        // mails (sign-in links, confirmations) kept in memory and readable at /mailbox
        mails = stack.start("notification-worker", "notification-worker",
                Map.of("MAIL_MOCK", "true", "MAILBOX_PAGE", "true", "PUBLIC_BASE_URL", pageUrl, "ACCESS_EVENTS_TOPIC", accessTopic));
        stack.start("payment-worker", "payment-worker", Map.of());
        tier = Http.concertWithTier(api.base(), "Browser Night", "42.00", 50);
        lastTicket = Http.concertWithTier(api.base(), "Tiny Club Show", "15.00", 1);
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

        // the page kept this booking's access token: it follows it and could cancel it
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel booking"))).isVisible();

        // "my bookings" signs in with a link sent by mail
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("See all my bookings")).click();
        page.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true)).fill("browser@example.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Email me a sign-in link")).click();
        assertThat(page.getByTestId("sign-in-requested")).containsText("Check your inbox");
        usedSignInLink = awaitLink("browser@example.com", Pattern.compile("https?://[^\\s\"'<>]+#/sign-in/[A-Za-z0-9._~%-]+"));
        page.navigate(usedSignInLink);
        assertThat(page.getByTestId("signed-in-as")).containsText("browser@example.com");
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("CONFIRMED");
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("Browser Night");
        org.assertj.core.api.Assertions.assertThat(page.url()).as("the link token left the address bar").doesNotContain("sign-in");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("my-bookings.png")));

        // signing out ends the session on the server too
        String sessionToken = (String) page.evaluate("() => JSON.parse(localStorage.getItem('session')).sessionToken");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Email me a sign-in link"))).isVisible();
        var current = Http.CLIENT.send(java.net.http.HttpRequest.newBuilder(api.base().resolve("/api/sessions/current"))
                .header("Authorization", "Bearer " + sessionToken).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(current.statusCode()).isEqualTo(401);
        page.close();
    }

    @Test
    @Order(2)
    void anotherBrowserCannotListSomeoneElsesBookings() {
        Page page = browser.newPage(); // a context of its own: no token, no session in its storage
        page.navigate(api.base() + "#/bookings");
        assertThat(page.getByRole(AriaRole.TABLE)).hasCount(0);
        // asking for someone's link only sends it to their inbox; the answer is the same for any address
        page.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true)).fill("nobody-booked@example.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Email me a sign-in link")).click();
        assertThat(page.getByTestId("sign-in-requested")).containsText("Check your inbox");
        assertThat(page.getByRole(AriaRole.TABLE)).hasCount(0);
        // a sign-in link works once: the buyer's, already used, opens nothing
        page.navigate(usedSignInLink);
        assertThat(page.getByRole(AriaRole.ALERT)).isVisible();
        assertThat(page.getByRole(AriaRole.TABLE)).hasCount(0);
        page.close();
    }

    @Test
    @Order(3)
    void theConfirmationMailOpensThatBookingInAnyBrowser() throws Exception {
        String link = awaitLink("browser@example.com", Pattern.compile("https?://[^\\s\"'<>]+#/bookings/[0-9a-f-]{36}/[A-Za-z0-9._~%-]+"));
        Page page = browser.newPage();
        page.navigate(link);
        assertThat(page.getByTestId("booking-status")).hasText("CONFIRMED");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel booking"))).isVisible();
        org.assertj.core.api.Assertions.assertThat(page.url()).as("the booking token left the address bar")
                .doesNotMatch(".*#/bookings/[0-9a-f-]{36}/.+");
        page.close();
    }

    /** The first link matching {@code pattern} in the mails to {@code to}, waiting up to a minute for it. */
    static String awaitLink(String to, Pattern pattern) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        URI mailbox = mails.base().resolve("/mailbox?to=" + java.net.URLEncoder.encode(to, java.nio.charset.StandardCharsets.UTF_8));
        while (Instant.now().isBefore(until)) {
            for (JsonNode mail : Http.get(mailbox)) {
                for (String part : new String[] {mail.path("text").asText(""), mail.path("html").asText("")}) {
                    Matcher m = pattern.matcher(part);
                    if (m.find()) {
                        return m.group().replace("&amp;", "&");
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no mail to " + to + " with a link like " + pattern);
    }

    @Test
    @Order(4)
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
    @Order(5)
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
    @Order(6)
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

    @Test
    @Order(7)
    void anOrganizerSetsUpPublishesAndCancelsAConcert() throws Exception {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(390, 844)); // a phone
        page.navigate(api.base() + "#/organizer");
        page.getByLabel("User").fill("organizer");
        page.getByLabel("Password").fill("organizer");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByTestId("organizer-name")).hasText("organizer");

        // a draft with one tier, its times typed on Berlin's clocks; sales closing after the show are refused
        String name = "Organizer Night " + System.nanoTime();
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(40).toString();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New concert")).click();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
        page.getByLabel("Place", new Page.GetByLabelOptions().setExact(true)).fill("Columbiahalle, Berlin");
        page.getByLabel("Time zone of the place").selectOption("Europe/Berlin");
        page.getByLabel("Date and time of the show (Europe/Berlin)").fill(day + "T20:00");
        page.getByLabel("Sales close (Europe/Berlin)").fill(day + "T21:00");
        page.getByLabel("Tier name", new Page.GetByLabelOptions().setExact(true)).fill("Standing");
        page.getByLabel("Price", new Page.GetByLabelOptions().setExact(true)).fill("20.00");
        page.getByLabel("Currency", new Page.GetByLabelOptions().setExact(true)).fill("USD");
        page.getByLabel("Tickets", new Page.GetByLabelOptions().setExact(true)).fill("10");
        var create = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create draft"));
        create.click();
        var salesClose = page.getByLabel("Sales close (Europe/Berlin)");
        assertThat(salesClose).hasAccessibleDescription(Pattern.compile("The sales must close before the show starts\\."));
        assertThat(page.getByText("must not", new Page.GetByTextOptions().setExact(false))).hasCount(0);
        salesClose.fill(day + "T19:00");
        create.click();

        var concert = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(name));
        assertThat(page.getByTestId("organizer-status")).containsText("was created as a draft");
        assertThat(concert.getByTestId("concert-status")).hasText("Draft");
        assertThat(page.locator("h3:focus")).hasText(name); // the focus went to the new concert
        assertThat(concert.getByTestId("concert-date")).containsText("20:00");
        assertThat(concert.getByTestId("concert-date")).containsText("(Europe/Berlin)");
        assertThat(concert).containsText("19:00"); // sales close, on Berlin's clocks too

        // a second tier and a new place: each saved, said so, and the focus on what changed
        concert.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Add a tier")).click();
        var addTier = concert.getByRole(AriaRole.FORM, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Add a tier to " + name));
        addTier.getByLabel("Tier name", new com.microsoft.playwright.Locator.GetByLabelOptions().setExact(true)).fill("Balcony");
        addTier.getByLabel("Price", new com.microsoft.playwright.Locator.GetByLabelOptions().setExact(true)).fill("35.00");
        addTier.getByLabel("Tickets", new com.microsoft.playwright.Locator.GetByLabelOptions().setExact(true)).fill("5");
        addTier.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Add tier")).click();
        assertThat(page.getByTestId("organizer-status")).containsText("“Balcony” was added");
        assertThat(page.locator("button:focus")).hasAccessibleName("Change price or tickets of Balcony");
        concert.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Change details")).click();
        concert.getByLabel("Place", new com.microsoft.playwright.Locator.GetByLabelOptions().setExact(true)).fill("Tempodrom, Berlin");
        concert.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Save changes")).click();
        assertThat(page.getByTestId("organizer-status")).containsText("were saved");
        assertThat(concert).containsText("Tempodrom, Berlin");

        concert.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Publish")).click();
        assertThat(concert.getByTestId("concert-status")).hasText("Published");

        // in the public catalogue now; a buyer books 3 of its 10 tickets through the API
        JsonNode published = null;
        for (JsonNode c : Http.get(api.base().resolve("/api/concerts")).get("concerts")) {
            if (c.get("name").asText().equals(name)) {
                published = c;
            }
        }
        org.assertj.core.api.Assertions.assertThat(published).as("published concert in the catalogue").isNotNull();
        // 20:00 on Berlin's clocks (CET or CEST), whatever the browser's own zone
        org.assertj.core.api.Assertions.assertThat(Instant.parse(published.get("date").asText()))
                .isEqualTo(java.time.LocalDateTime.parse(day + "T20:00").atZone(java.time.ZoneId.of("Europe/Berlin")).toInstant());
        org.assertj.core.api.Assertions.assertThat(published.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        String standing = null;
        for (JsonNode t : published.get("ticketTiers")) {
            if (t.get("name").asText().equals("Standing")) {
                standing = t.get("id").asText();
            }
        }
        var bought = new Http.Tier(java.util.UUID.fromString(published.get("id").asText()), java.util.UUID.fromString(standing),
                new java.math.BigDecimal("20.00"));
        String bookingId = Http.book(api.base(), bought, "organizer-fan@example.com", 3).get("id").asText();

        // the organizer cannot cut the tier below the 3 sold or held, and is told so in words
        page.navigate(api.base() + "#/");
        assertThat(page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(name))).isVisible();
        page.navigate(api.base() + "#/organizer"); // still signed in: the page kept the organizer in memory
        var tierGroup = concert.getByRole(AriaRole.GROUP, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Standing of " + name));
        assertThat(tierGroup.getByTestId("tier-counts")).containsText("7 available");
        tierGroup.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Change price or tickets of Standing")).click();
        var total = tierGroup.getByLabel("Tickets in all");
        total.fill("1");
        tierGroup.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(total).hasAccessibleDescription("You cannot lower the tickets below the 3 already sold or held.");
        org.assertj.core.api.Assertions.assertThat((Boolean) page.evaluate(
                "() => document.documentElement.scrollWidth <= window.innerWidth")).as("no horizontal scroll at 390 px").isTrue();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("organizer.png")).setFullPage(true));

        // cancelling asks first and says what happens; keeping it changes nothing
        var cancel = concert.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Cancel concert…"));
        cancel.click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog).containsText("every paid ticket is refunded");
        assertThat(dialog).containsText("e-mail");
        dialog.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Keep the concert")).click();
        assertThat(concert.getByTestId("concert-status")).hasText("Published");
        cancel.click();
        dialog.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Yes, cancel it and refund everyone")).click();
        assertThat(concert.getByTestId("concert-status")).hasText("Cancelled");
        org.assertj.core.api.Assertions.assertThat(Http.status(api.base(), bookingId)).isEqualTo("CANCELLED");
        page.close();
    }

    @Test
    @Order(8)
    void aShowPublishedWhileTheCatalogueIsOpenAppearsWithoutAReload() throws Exception {
        Page page = browser.newPage();
        page.navigate(api.base().toString());
        assertThat(page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Browser Night"))).isVisible();
        Thread.sleep(2000); // the page's stream is open; an organizer publishes a show meanwhile
        String name = "Late Addition " + java.util.UUID.randomUUID().toString().substring(0, 6);
        var late = Concerts.withOneTier(api.base(), name, "30.00", 12);
        var shown = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(name));
        assertThat(shown).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        assertThat(shown.getByTestId("tier-" + late.tierId()).getByTestId("available")).hasText("12");
        page.close();
    }
}
