package com.tickets.system;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.tickets.infra.FreePorts;
import com.tickets.local.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.tickets.events.EventJson;
import com.tickets.events.signing.BuyerTokens;

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
 * of a bad sales window and of a capacity below what is sold, and cancels it (on this stack: no second start);
 * a buyer who finds a tier sold out joins its waitlist, follows their place, and claims the offer made when a
 * ticket comes back (docs/waitlist.md), and the offer page fits a phone. At 1280×800 and 390×844 (docs/web-page.md): a
 * reload while the booking is pending shows that booking (payment slowed down by route interception), a lost answer is
 * finished on reload without a second booking, cancelling asks first and says what happens to the money, a second
 * device lists the bookings through the sign-in link clicked on the mailbox page, an invalid e-mail and a failing API
 * (503) are said in plain words, unknown links say so, no screen scrolls sideways at 360 px, and axe-core finds no
 * serious or critical violation in light and dark.
 * The mails are read from the notification-worker's mock mailbox ({@code /mailbox?to=}).
 * Screenshots go to docs/screenshots/ for the README.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Stack.ROOT.resolve("docs/screenshots");
    /** The buyer-access key of this stack (booking-api and notification-worker): it signs the waitlist offers' links. */
    static final String ACCESS_SECRET = "web-page-it-buyer-access-key-of-enough-length";

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
        int apiPort = FreePorts.find();
        int analyticsPort = FreePorts.find();
        stack.start("analytics-projector", "analytics-projector",
                Map.of("ANALYTICS_CORS_ORIGINS", "http://localhost:" + apiPort), analyticsPort);
        String pageUrl = "http://localhost:" + apiPort;
        String accessTopic = "access.events" + stack.topicSuffix();
        api = stack.start("booking-api", "booking-api",
                Map.of("ANALYTICS_PUBLIC_URL", "http://localhost:" + analyticsPort, "PUBLIC_BASE_URL", pageUrl,
                        "ACCESS_EVENTS_TOPIC", accessTopic, "BOOKING_ACCESS_SECRET", ACCESS_SECRET), apiPort);
        // mails (sign-in links, confirmations) kept in memory and readable at /mailbox
        mails = stack.start("notification-worker", "notification-worker",
                Map.of("MAIL_MOCK", "true", "MAILBOX_PAGE", "true", "PUBLIC_BASE_URL", pageUrl, "ACCESS_EVENTS_TOPIC", accessTopic,
                        "BOOKING_ACCESS_SECRET", ACCESS_SECRET));
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

        assertThat(page.getByTestId("booking-status")).hasText("Confirmed", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertFits(page);
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
        assertThat(page.getByTestId("bookings")).containsText("Confirmed");
        assertThat(page.getByTestId("bookings")).containsText("Browser Night");
        assertFits(page);
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
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Email me a sign-in link"))).isVisible();
        assertThat(page.getByTestId("bookings")).hasCount(0);
        // asking for someone's link only sends it to their inbox; the answer is the same for any address
        page.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true)).fill("nobody-booked@example.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Email me a sign-in link")).click();
        assertThat(page.getByTestId("sign-in-requested")).containsText("Check your inbox");
        assertThat(page.getByTestId("bookings")).hasCount(0);
        // a sign-in link works once: the buyer's, already used, opens nothing
        page.navigate(usedSignInLink);
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Ask for a new one");
        assertThat(page.getByTestId("bookings")).hasCount(0);
        page.close();
    }

    @Test
    @Order(3)
    void theConfirmationMailOpensThatBookingInAnyBrowser() throws Exception {
        String link = awaitLink("browser@example.com", Pattern.compile("https?://[^\\s\"'<>]+#/bookings/[0-9a-f-]{36}/[A-Za-z0-9._~%-]+"));
        Page page = browser.newPage();
        page.navigate(link);
        assertThat(page.getByTestId("booking-status")).hasText("Confirmed");
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
        assertThat(page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Revenue by tier"))).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard.png")).setFullPage(true));
        page.close();
    }

    @Test
    @Order(6)
    void theDashboardFitsAPhoneInLightAndDarkAndShowsTheDaysOfTheChosenZone() throws Exception {
        // a venue 14 hours ahead of UTC: for most of the UTC day its date is tomorrow's
        String zone = "Pacific/Kiritimati";
        Concerts.Created created = Concerts.withOneTier(api.base(), "Island Night", "1234.00", 20, zone);
        java.time.format.DateTimeFormatter name = java.time.format.DateTimeFormatter.ofPattern("EEE d MMM", java.util.Locale.UK);
        String before = java.time.LocalDate.now(java.time.ZoneId.of(zone)).format(name);
        Http.book(api.base(), new Http.Tier(created.concertId(), created.tierId(), new java.math.BigDecimal("1234.00")),
                "island@example.com", 1);
        for (var scheme : List.of(com.microsoft.playwright.options.ColorScheme.LIGHT, com.microsoft.playwright.options.ColorScheme.DARK)) {
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                    .setColorScheme(scheme).setBypassCSP(true)); // axe is injected for the test
            Page page = context.newPage();
            page.navigate(api.base() + "#/dashboard");
            page.getByLabel("User").fill("organizer");
            page.getByLabel("Password").fill("organizer");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            page.getByTestId("dashboard-zone").selectOption(zone);
            assertThat(page.getByTestId("dashboard-zone-shown")).containsText("Pacific/Kiritimati".replace('_', ' '));
            String after = java.time.LocalDate.now(java.time.ZoneId.of(zone)).format(name);
            // (the names are letters, digits and spaces, unquoted: Playwright's regexes are JavaScript's, without \\Q quoting)
            // the sale (paid by then) is on the venue's date, named as that zone's clocks say, not the device's
            assertThat(page.getByTestId("bar-name").filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText(java.util.regex.Pattern.compile(before + "|" + after)))
                    .first()).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
            // money with its currency and thousands separators
            assertThat(page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Revenue by tier")))
                    .containsText("$1,234.00");
            // what sticks out past the screen's right edge, named, so that a failure says where to look
            Object wider = page.evaluate("() => [...document.querySelectorAll('body *')]"
                    + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                    + ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 10)");
            org.assertj.core.api.Assertions.assertThat((Boolean) page.evaluate(
                    "() => document.documentElement.scrollWidth <= window.innerWidth")).as("no horizontal scroll at 390 px: " + wider).isTrue();
            if (Files.isReadable(AXE)) {
                org.assertj.core.api.Assertions.assertThat(seriousViolations(page)).as("axe-core, " + scheme).isEmpty();
            }
            if (scheme == com.microsoft.playwright.options.ColorScheme.LIGHT) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard-phone.png")).setFullPage(true));
            }
            context.close();
        }
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
        assertThat(concert.getByTestId("concert-date")).containsText(", Berlin"); // the venue's zone, named
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

    @Test
    @Order(9)
    void aBuyerWhoFindsATierSoldOutJoinsTheWaitlistAndClaimsTheTicketThatCameBack() throws Exception {
        String name = "Waitlist Night";
        Http.Tier one = Http.concertWithTier(api.base(), name, "25.00", 1);

        // a first buyer books the tier's only ticket and pays for it
        BrowserContext firstBuyer = browser.newContext();
        Page first = firstBuyer.newPage();
        first.navigate(api.base() + "#/book/" + one.tierId());
        first.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true)).fill("first-in-line@example.com");
        first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay and book")).click();
        assertThat(first.getByTestId("booking-status")).hasText("Confirmed", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        String firstBooking = (String) first.evaluate(
                "() => Object.keys(localStorage).find(k => k.startsWith('bookingToken:')).substring('bookingToken:'.length)");
        String firstToken = (String) first.evaluate("id => localStorage.getItem('bookingToken:' + id)", firstBooking);

        // a second buyer, in a browser of their own, finds it sold out and joins its waitlist (a double click joins once)
        BrowserContext secondBuyer = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844));
        Page page = secondBuyer.newPage();
        page.navigate(api.base().toString());
        var card = page.getByTestId("tier-" + one.tierId());
        assertThat(card).containsText("Sold out", new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
        card.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                .setName("Join the waitlist for GA of " + name)).click();
        assertThat(page.getByTestId("waitlist-hint")).containsText("Sold out");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay and book"))).hasCount(0);
        page.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true)).fill("second-in-line@example.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join the waitlist")).dblclick();
        var status = page.getByTestId("waitlist-status");
        assertThat(status).containsText("You are number 1 on the waitlist for GA");
        assertThat(page.locator("h2:focus")).hasText("You are number 1 on the waitlist for GA"); // the focus went to the new screen
        assertThat(page.getByRole(AriaRole.ALERT)).hasCount(0); // the second click was the same attempt, not "already waitlisted"
        JsonNode stored = EventJson.MAPPER.readTree((String) page.evaluate("id => localStorage.getItem('waitlist:' + id)",
                one.tierId().toString()));
        String entryId = stored.get("entryId").asText();
        org.assertj.core.api.Assertions.assertThat(stored.get("accessToken").asText()).isNotBlank();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave the waitlist"))).isVisible();

        // the first buyer cancels: the ticket goes to the waitlist, not back on sale, and the page follows the entry
        var cancelled = Http.CLIENT.send(java.net.http.HttpRequest.newBuilder(api.base().resolve("/api/bookings/" + firstBooking + "/cancel"))
                .header("Authorization", "Bearer " + firstToken).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(status).containsText("Check your e-mail", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(status).containsText("second-in-line@example.com");
        firstBuyer.close();

        // the offer mail's link: the offer, its countdown, the show's time in the venue's zone
        page.navigate(offerLink("second-in-line@example.com", entryId));
        var offer = page.getByTestId("waitlist-offer");
        assertThat(offer).containsText(name);
        assertThat(offer).containsText("$25.00");
        assertThat(page.getByTestId("offer-date")).containsText("UTC");
        var countdown = page.getByTestId("countdown");
        assertThat(countdown).hasText(Pattern.compile("(10:00|[0-9]:[0-5][0-9])"));
        String before = countdown.textContent();
        assertThat(countdown).not().hasText(before, new LocatorAssertions.HasTextOptions().setTimeout(5_000)); // it moves
        assertThat(page.getByTestId("countdown-spoken")).hasText(Pattern.compile("(10|9) minutes left to claim these tickets\\."));
        assertThat(page.locator("h2:focus")).containsText("Tickets held for you");
        org.assertj.core.api.Assertions.assertThat(page.url()).as("the offer token left the address bar").endsWith("#/waitlist/offers/" + entryId);

        // claiming books the ticket and follows the booking as the booking page does (a double click claims once)
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Claim tickets")).dblclick();
        assertThat(page.getByTestId("booking-status")).hasText("Confirmed", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(page.locator("h2:focus")).hasText(name + " — GA");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel booking"))).isVisible();
        org.assertj.core.api.Assertions.assertThat(Http.bookingsCount(stack.jdbcUrl("booking"), "second-in-line@example.com")).isEqualTo(1);

        // the link opened again: claimed, with this browser's booking; the tier's page shows the entry as claimed
        page.reload();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("These tickets have been claimed"))).isVisible();
        assertThat(page.getByTestId("booking-status")).hasText("Confirmed");
        page.navigate(api.base() + "#/book/" + one.tierId());
        assertThat(page.getByTestId("waitlist-status")).containsText("You claimed your tickets for GA");
        secondBuyer.close();
    }

    @Test
    @Order(10)
    void theOfferPageFitsAPhone() throws Exception {
        String name = "Small Hours";
        Http.Tier one = Http.concertWithTier(api.base(), name, "19.50", 1);
        String booking = Http.book(api.base(), one, "phone-first@example.com", 1).get("id").asText();
        JsonNode joined = joinWaitlist(one, "phone-second@example.com", 1);
        String entryId = joined.get("entry").get("id").asText();
        org.assertj.core.api.Assertions.assertThat(Http.cancel(api.base(), booking).statusCode()).isEqualTo(200);
        awaitEntryStatus(entryId, joined.get("accessToken").asText(), "OFFERED");

        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
        page.navigate(offerLink("phone-second@example.com", entryId));
        assertThat(page.getByTestId("countdown")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Claim tickets"))).isVisible();
        org.assertj.core.api.Assertions.assertThat((Boolean) page.evaluate(
                "() => document.documentElement.scrollWidth <= window.innerWidth")).as("no horizontal scroll at 390 px").isTrue();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("waitlist-offer.png")).setFullPage(true));

        // a link we did not send says so
        page.navigate(api.base() + "#/waitlist/offers/" + java.util.UUID.randomUUID() + ".not-our-signature");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This link is not valid"))).isVisible();
        page.close();

        // the ticket is held for the offer, so the tier is still sold out: a third buyer joins behind it, and leaves
        Page third = browser.newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
        third.navigate(api.base() + "#/book/" + one.tierId());
        third.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true)).fill("phone-third@example.com");
        third.getByLabel("Number of tickets").selectOption("2");
        third.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join the waitlist")).click();
        assertThat(third.getByTestId("waitlist-status")).containsText("You are number 1 on the waitlist for GA");
        org.assertj.core.api.Assertions.assertThat((Boolean) third.evaluate(
                "() => document.documentElement.scrollWidth <= window.innerWidth")).as("no horizontal scroll at 390 px").isTrue();
        third.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave the waitlist")).click();
        assertThat(third.locator("h2:focus")).hasText("You left the waitlist for GA");
        assertThat(third.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave the waitlist"))).hasCount(0);
        third.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join the waitlist again")).click();
        assertThat(third.getByTestId("waitlist-hint")).containsText("Sold out");
        third.close();
    }

    /** A desktop and a phone, the sizes every journey below runs at. */
    static final int[][] SIZES = {{1280, 800}, {390, 844}};

    static BrowserContext context(int[] size) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(size[0], size[1]));
    }

    /** No horizontal scrolling: the page is never wider than the screen. */
    static void assertFits(Page page) {
        org.assertj.core.api.Assertions.assertThat((Boolean) page.evaluate(
                "() => document.documentElement.scrollWidth <= window.innerWidth"))
                .as("no horizontal scroll at %s px on %s", page.viewportSize().width, page.url()).isTrue();
    }

    /** A booking's status as booking-api stored it (a booking made on the page has its token in the browser only). */
    static String statusInDb(String bookingId) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(stack.jdbcUrl("booking"), "postgres", "postgres");
             var q = c.prepareStatement("select status from bookings where id = ?")) {
            q.setObject(1, java.util.UUID.fromString(bookingId));
            try (var rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Books on the page's form and waits for the booking's own screen. */
    static String bookOnThePage(Page page, Http.Tier t, String email, int quantity) {
        page.navigate(api.base() + "#/book/" + t.tierId());
        page.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true)).fill(email);
        page.getByLabel("Number of tickets").selectOption(String.valueOf(quantity));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay and book")).click();
        page.waitForURL(Pattern.compile(".*#/bookings/[0-9a-f-]{36}$"));
        return page.url().substring(page.url().lastIndexOf('/') + 1);
    }

    @Test
    @Order(11)
    void aReloadWhileTheBookingIsPendingShowsThatBookingNotABlankForm() throws Exception {
        for (int[] size : SIZES) {
            Http.Tier t = Http.concertWithTier(api.base(), "Reload Night " + size[0], "30.00", 20);
            String email = "reload-" + size[0] + "@example.com";
            BrowserContext context = context(size);
            Page page = context.newPage();
            // the payment is slow today: every read of the booking says it is still waiting for it
            java.util.concurrent.atomic.AtomicBoolean slowPayment = new java.util.concurrent.atomic.AtomicBoolean(true);
            page.route("**/api/bookings/*", route -> {
                if (!slowPayment.get() || !route.request().method().equals("GET")) {
                    route.fallback();
                    return;
                }
                var real = route.fetch();
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setResponse(real)
                        .setBody(real.text().replaceAll("\"status\":\"[A-Z]+\"", "\"status\":\"PENDING\"")));
            });
            String bookingId = bookOnThePage(page, t, email, 2);
            var status = page.getByTestId("booking-status");
            assertThat(status).hasText("Waiting for payment");
            assertThat(page.getByTestId("booking")).containsText("held until");

            page.reload();
            assertThat(status).hasText("Waiting for payment");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Reload Night " + size[0] + " — GA"))).isVisible();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay and book"))).hasCount(0);
            assertThat(page.locator("h2:focus")).hasText("Reload Night " + size[0] + " — GA");
            assertFits(page);

            // the tier's own link (the tab was closed, the buyer comes back the way they came): the booking again
            page.navigate(api.base() + "#/book/" + t.tierId());
            page.waitForURL(Pattern.compile(".*#/bookings/" + bookingId + "$"));
            assertThat(status).hasText("Waiting for payment");

            // the payment goes through: the same screen follows it to the end
            slowPayment.set(false);
            assertThat(status).hasText("Confirmed", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
            org.assertj.core.api.Assertions.assertThat(Http.bookingsCount(stack.jdbcUrl("booking"), email)).isEqualTo(1);

            // settled, the tier's page offers the form again, and says this browser booked already
            page.navigate(api.base() + "#/book/" + t.tierId());
            assertThat(page.getByTestId("booked-before")).containsText("2 tickets");
            if (size[0] == 390) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("booked-before-phone.png")));
            }
            context.close();
        }
    }

    @Test
    @Order(12)
    void aBookingWhoseAnswerWasLostIsFinishedOnReloadNotBookedTwice() throws Exception {
        Http.Tier t = Http.concertWithTier(api.base(), "Lost Answer Night", "12.50", 20);
        String email = "lost-answer@example.com";
        BrowserContext context = context(SIZES[1]);
        Page page = context.newPage();
        // the booking reaches the server, the answer never reaches the phone (the train goes into a tunnel)
        page.route("**/api/bookings", route -> {
            if (route.request().method().equals("POST")) {
                route.fetch();
                route.abort("internetdisconnected");
            } else {
                route.fallback();
            }
        });
        page.navigate(api.base() + "#/book/" + t.tierId());
        page.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true)).fill(email);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay and book")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Check your connection",
                new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
        org.assertj.core.api.Assertions.assertThat(Http.bookingsCount(stack.jdbcUrl("booking"), email)).isEqualTo(1);

        // back in reach: a reload finishes that same booking with its key instead of offering a blank form
        page.unrouteAll();
        page.reload();
        page.waitForURL(Pattern.compile(".*#/bookings/[0-9a-f-]{36}$"));
        assertThat(page.getByTestId("booking-status")).hasText("Confirmed", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        org.assertj.core.api.Assertions.assertThat(Http.bookingsCount(stack.jdbcUrl("booking"), email)).isEqualTo(1);
        context.close();
    }

    @Test
    @Order(13)
    void cancellingAsksFirstSaysWhatHappensToTheMoneyAndFitsAPhone() throws Exception {
        for (int[] size : SIZES) {
            Http.Tier t = Http.concertWithTier(api.base(), "Cancel Night " + size[0], "40.00", 20);
            BrowserContext context = context(size);
            Page page = context.newPage();
            String bookingId = bookOnThePage(page, t, "cancel-" + size[0] + "@example.com", 2);
            var status = page.getByTestId("booking-status");
            assertThat(status).hasText("Confirmed", new LocatorAssertions.HasTextOptions().setTimeout(60_000));

            var cancel = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel booking…"));
            assertThat(cancel).isInViewport();
            // a secondary, destructive action: an outline, not the filled look of the buy button
            org.assertj.core.api.Assertions.assertThat((String) cancel.evaluate("b => getComputedStyle(b).backgroundColor"))
                    .isEqualTo("rgba(0, 0, 0, 0)");
            assertFits(page);

            cancel.click();
            var dialog = page.getByRole(AriaRole.DIALOG);
            assertThat(dialog).containsText("$80.00 is refunded");
            assertThat(dialog).isInViewport();
            if (size[0] == 390) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("cancel-dialog-phone.png")));
            }
            dialog.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Keep my booking")).click();
            assertThat(dialog).isHidden();
            assertThat(status).hasText("Confirmed");
            org.assertj.core.api.Assertions.assertThat(statusInDb(bookingId)).isEqualTo("CONFIRMED");

            cancel.click();
            dialog.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Yes, cancel and refund $80.00")).click();
            assertThat(status).hasText("Cancelled");
            assertThat(page.locator("h2:focus")).hasText("Cancel Night " + size[0] + " — GA");
            assertThat(cancel).hasCount(0);
            org.assertj.core.api.Assertions.assertThat(statusInDb(bookingId)).isEqualTo("CANCELLED");
            context.close();
        }
    }

    @Test
    @Order(14)
    void myBookingsOnASecondDeviceThroughTheSignInLinkInTheMailbox() throws Exception {
        for (int[] size : SIZES) {
            String show = "Second Device Night " + size[0];
            Http.Tier t = Http.concertWithTier(api.base(), show, "21.00", 20);
            String email = "second-device-" + size[0] + "@example.com";
            BrowserContext laptop = context(SIZES[0]);
            Page booked = laptop.newPage();
            String bookingId = bookOnThePage(booked, t, email, 3);
            assertThat(booked.getByTestId("booking-status")).hasText("Confirmed", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
            // this browser lists its own booking without any sign-in
            booked.navigate(api.base() + "#/bookings");
            assertThat(booked.getByTestId("bookings")).containsText(show);
            laptop.close();

            // another device: the booking's address opens no dead end but the sign-in link, the e-mail typed once
            BrowserContext phone = context(size);
            Page page = phone.newPage();
            page.navigate(api.base() + "#/bookings/" + bookingId);
            assertThat(page.locator("h2:focus")).hasText("Sign in to see this booking");
            assertFits(page);
            page.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true)).fill(email);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Email me a sign-in link")).click();
            assertThat(page.getByTestId("sign-in-requested")).containsText("Check your inbox");
            awaitLink(email, Pattern.compile("#/sign-in/"));

            // the mailbox page of the local run, as the buyer reads it: the mail, its link clickable
            page.navigate(mails.base() + "/mailbox?to=" + email);
            assertThat(page.getByRole(AriaRole.ARTICLE).first()).containsText("From");
            assertThat(page.getByRole(AriaRole.ARTICLE).first()).containsText(email);
            assertFits(page);
            if (size[0] == 390) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("mailbox-phone.png")).setFullPage(true));
            }
            page.locator("a[href*='#/sign-in/']").last().click();

            var rows = page.getByTestId("booking-row");
            assertThat(page.getByTestId("signed-in-as")).containsText(email);
            assertThat(rows).hasCount(1);
            var row = rows.first();
            assertThat(row).containsText(show);
            assertThat(row).containsText("GA");
            assertThat(row).containsText(Pattern.compile("[A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} UTC"));
            assertThat(row).containsText("3 tickets");
            assertThat(row).containsText("$63.00");
            assertThat(row).containsText("Confirmed");
            assertFits(page);
            if (size[0] == 390) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("my-bookings-phone.png")).setFullPage(true));
            }

            // signed in, the booking itself opens on this device too
            row.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName(show).setExact(true)).click();
            assertThat(page.getByTestId("booking-status")).hasText("Confirmed");
            phone.close();
        }
    }

    @Test
    @Order(15)
    void anInvalidEmailAndAFailingApiAreSaidInPlainWords() throws Exception {
        Http.Tier t = Http.concertWithTier(api.base(), "Plain Words Night", "10.00", 20);
        for (int[] size : SIZES) {
            BrowserContext context = context(size);
            Page page = context.newPage();
            page.navigate(api.base() + "#/book/" + t.tierId());
            var email = page.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true));
            email.fill("name@example");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay and book")).click();
            assertThat(email).hasAccessibleDescription("Enter an e-mail address like name@example.com.");
            assertThat(email).isFocused();
            assertFits(page);
            if (size[0] == 390) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("invalid-email-phone.png")));
            }

            // the booking service is down: said so, with what to do, and nothing booked
            page.route("**/api/bookings", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(503)
                    .setContentType("text/plain").setBody("Service Unavailable")));
            email.fill("down-" + size[0] + "@example.com");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay and book")).click();
            assertThat(page.getByRole(AriaRole.ALERT)).hasText("We could not reach the booking service; try again in a moment.");
            org.assertj.core.api.Assertions.assertThat(Http.bookingsCount(stack.jdbcUrl("booking"), "down-" + size[0] + "@example.com")).isZero();

            // the catalogue cannot be read: the same words and a way to try again
            page.route("**/api/concerts", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(503)));
            page.navigate(api.base() + "#/");
            assertThat(page.getByRole(AriaRole.ALERT)).hasText("We could not reach the booking service; try again in a moment.");
            assertFits(page);
            page.unrouteAll();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Try again")).click();
            assertThat(page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Plain Words Night"))).isVisible();
            context.close();
        }
    }

    @Test
    @Order(16)
    void unknownLinksGetAPageThatSaysSo() {
        for (int[] size : SIZES) {
            BrowserContext context = context(size);
            Page page = context.newPage();
            page.navigate(api.base() + "#/no-such-page");
            assertThat(page.locator("h2:focus")).hasText("This page does not exist");
            assertFits(page);
            page.navigate(api.base() + "#/book/" + java.util.UUID.randomUUID());
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This tier is not on sale")))
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
            page.navigate(api.base() + "#/bookings/" + java.util.UUID.randomUUID() + "/not-a-token");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("We could not find this booking"))).isVisible();
            assertFits(page);
            // every screen fits the narrowest phone
            page.setViewportSize(360, 740);
            for (String route : List.of("#/", "#/bookings", "#/organizer", "#/book/" + tier.tierId())) {
                page.navigate(api.base() + route);
                page.waitForTimeout(1000);
                assertFits(page);
            }
            context.close();
        }
    }

    /** axe-core from the web page's own npm install (booking-api's build runs it before this module). */
    static final Path AXE = Stack.ROOT.resolve("booking-api/src/main/webui/node_modules/axe-core/axe.min.js");

    /** axe-core's serious and critical violations on the page as it is now, one line each ("" when none). */
    static String seriousViolations(Page page) {
        page.addScriptTag(new Page.AddScriptTagOptions().setPath(AXE));
        return (String) page.evaluate("""
                async () => {
                  const r = await axe.run(document, { resultTypes: ['violations'] });
                  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')).join('\\n');
                }""");
    }

    @Test
    @Order(17)
    void everyBuyerScreenHasNoSeriousAccessibilityViolationsInLightAndDark() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(AXE), "axe-core is not installed in booking-api/src/main/webui");
        Http.Tier t = Http.concertWithTier(api.base(), "Contrast Night", "18.00", 20);
        for (var scheme : List.of(com.microsoft.playwright.options.ColorScheme.LIGHT, com.microsoft.playwright.options.ColorScheme.DARK)) {
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setColorScheme(scheme)
                    .setBypassCSP(true)); // the page allows its own scripts only; axe is injected for the test
            Page page = context.newPage();
            java.util.Map<String, String> found = new java.util.LinkedHashMap<>();
            page.navigate(api.base().toString());
            assertThat(page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Contrast Night"))).isVisible();
            found.put("catalogue", seriousViolations(page));
            page.navigate(api.base() + "#/book/" + t.tierId());
            page.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true)).fill("name@example");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay and book")).click();
            assertThat(page.getByText("Enter an e-mail address like")).isVisible();
            found.put("booking form with an error", seriousViolations(page));
            bookOnThePage(page, t, "contrast-" + scheme.name().toLowerCase() + "@example.com", 1);
            assertThat(page.getByTestId("booking-status")).hasText("Confirmed", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
            found.put("confirmed booking", seriousViolations(page));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel booking…")).click();
            found.put("cancel dialog", seriousViolations(page));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, cancel")).click();
            assertThat(page.getByTestId("booking-status")).hasText("Cancelled");
            found.put("cancelled booking", seriousViolations(page));
            page.navigate(api.base() + "#/bookings");
            assertThat(page.getByTestId("booking-row")).hasCount(1);
            found.put("my bookings", seriousViolations(page));
            page.navigate(api.base() + "#/no-such-page");
            found.put("unknown link", seriousViolations(page));
            if (scheme == com.microsoft.playwright.options.ColorScheme.DARK) {
                page.navigate(api.base() + "#/book/" + t.tierId());
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("booking-form-dark.png")));
            }
            found.values().removeIf(String::isEmpty);
            org.assertj.core.api.Assertions.assertThat(found).as("serious or critical axe violations, " + scheme).isEmpty();
            context.close();
        }
    }

    /**
     * The claim link of an entry's offer, as the offer mail carries it: the page's hash route with the token
     * derived from the entry id with the buyer-access key (docs/waitlist.md).
     */
    static String offerLink(String email, String entryId) {
        return api.base() + "#/waitlist/offers/" + new BuyerTokens(ACCESS_SECRET).waitlistOfferToken(java.util.UUID.fromString(entryId));
    }

    /** Joins a tier's waitlist through the API: {@code {"entry", "accessToken"}}. */
    static JsonNode joinWaitlist(Http.Tier tier, String email, int quantity) throws Exception {
        var r = Http.CLIENT.send(java.net.http.HttpRequest.newBuilder(api.base().resolve("/api/waitlist"))
                .header("Content-Type", "application/json").header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"ticketTierId":"%s","userEmail":"%s","quantity":%d}""".formatted(tier.tierId(), email, quantity))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return EventJson.MAPPER.readTree(r.body());
    }

    static void awaitEntryStatus(String entryId, String accessToken, String expected) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        String seen = null;
        while (Instant.now().isBefore(until)) {
            var r = Http.CLIENT.send(java.net.http.HttpRequest.newBuilder(api.base().resolve("/api/waitlist/" + entryId))
                    .header("Authorization", "Bearer " + accessToken).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            seen = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && EventJson.MAPPER.readTree(r.body()).get("entry").get("status").asText().equals(expected)) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("entry " + entryId + " never became " + expected + "; last answer: " + seen);
    }
}
