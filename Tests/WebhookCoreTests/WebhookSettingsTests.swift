import Testing
import WebhookCore

@Suite struct WebhookSettingsTests {
    let production = WebhookRules(limits: Plan.scale.limits, allowPrivateTargets: false, headerPrefix: "X-Webhook")
    let development = WebhookRules(limits: Plan.scale.limits, allowPrivateTargets: true, headerPrefix: "X-Webhook")

    func input(url: String = "https://crm.example.com/hooks", eventTypes: [String] = ["lead.created"]) -> WebhookInput {
        var input = WebhookInput()
        input.url = url
        input.eventTypes = eventTypes
        return input
    }

    func failure(_ body: () throws -> Void) -> WebhookValidationError? {
        do { try body() } catch let error as WebhookValidationError { return error } catch { return nil }
        return nil
    }

    @Test func createAppliesTheDocumentedDefaults() throws {
        let settings = try WebhookSettings.validated(input(), rules: production)
        #expect(settings.name == "crm.example.com")
        #expect(settings.isActive)
        #expect(settings.signatureScheme == "standard")
        #expect(settings.maxRetries == 3)
        #expect(settings.retryDelayMilliseconds == 1_000)
        #expect(settings.timeoutMilliseconds == 10_000)
        #expect(settings.headers.isEmpty)
    }

    @Test func urlAndEventTypesAreRequired() {
        var missingURL = input()
        missingURL.url = nil
        #expect(failure { _ = try WebhookSettings.validated(missingURL, rules: production) }?.field == "url")
        var missingEvents = input()
        missingEvents.eventTypes = nil
        #expect(failure { _ = try WebhookSettings.validated(missingEvents, rules: production) }?.field == "eventTypes")
    }

    @Test(arguments: [
        "http://crm.example.com/hooks", "ftp://crm.example.com/x", "crm.example.com/hooks", "/relative",
        "https://user:pass@crm.example.com/", "https://crm.example.com/a b", "https://127.0.0.1/x", "https://10.1.2.3/x",
        "https://[::1]/x", "https://169.254.169.254/latest", "https://localhost/x", "https://crm.example.com/#frag",
        "https://", "",
    ])
    func badURLsAreRefusedInProduction(url: String) {
        let error = failure { _ = try WebhookSettings.validated(input(url: url), rules: production) }
        #expect(error?.field == "url", "\(url)")
    }

    @Test func overlongURLIsRefused() {
        let url = "https://crm.example.com/" + String(repeating: "a", count: 2_030)
        #expect(failure { _ = try WebhookSettings.validated(input(url: url), rules: production) }?.message.contains("2048") == true)
    }

    @Test func developmentAllowsPlainHTTPOnlyForLoopback() throws {
        #expect(try WebhookSettings.validated(input(url: "http://127.0.0.1:9000/hook"), rules: development).url
                == "http://127.0.0.1:9000/hook")
        #expect(try WebhookSettings.validated(input(url: "http://localhost:9000/hook"), rules: development).url
                == "http://localhost:9000/hook")
        #expect(failure { _ = try WebhookSettings.validated(input(url: "http://crm.example.com/"), rules: development) }?.field == "url")
    }

    @Test func eventTypesAcceptNamesAliasesAndWildcardsAndDeduplicate() throws {
        let settings = try WebhookSettings.validated(
            input(eventTypes: ["LEAD_CREATED", "conversation.*", "ADD_MESSAGE", "LEAD_CREATED"]), rules: production)
        #expect(settings.eventTypes == ["LEAD_CREATED", "conversation.*", "ADD_MESSAGE"])
        let unknown = failure { _ = try WebhookSettings.validated(input(eventTypes: ["lead.created", "invoice.paid"]), rules: production) }
        #expect(unknown?.field == "eventTypes[1]")
        #expect(unknown?.code == "unknown_event_type")
        #expect(failure { _ = try WebhookSettings.validated(input(eventTypes: []), rules: production) }?.field == "eventTypes")
    }

    @Test func numbersOutsideTheirRangesNameTheField() {
        var values: [(String, (inout WebhookInput) -> Void)] = []
        values.append(("maxRetries", { $0.maxRetries = -1 }))
        values.append(("maxRetries", { $0.maxRetries = 11 }))
        values.append(("retryDelay", { $0.retryDelay = 99 }))
        values.append(("retryDelay", { $0.retryDelay = 3_600_001 }))
        values.append(("timeout", { $0.timeout = 999 }))
        values.append(("timeout", { $0.timeout = 30_001 }))
        values.append(("maxConcurrency", { $0.maxConcurrency = 0 }))
        values.append(("signatureScheme", { $0.signatureScheme = "md5" }))
        values.append(("name", { $0.name = "" }))
        for (field, change) in values {
            var candidate = input()
            change(&candidate)
            #expect(failure { _ = try WebhookSettings.validated(candidate, rules: production) }?.field == field)
        }
    }

    @Test func retriesAboveThePlanCapAreAPlanLimit() {
        let free = WebhookRules(limits: Plan.free.limits, allowPrivateTargets: false, headerPrefix: "X-Webhook")
        var candidate = input()
        candidate.maxRetries = Plan.free.limits.maxRetries + 1
        let error = failure { _ = try WebhookSettings.validated(candidate, rules: free) }
        #expect(error?.code == "plan_limit_exceeded")
        #expect(error?.field == "maxRetries")
    }

    @Test func customHeadersMayNotOverrideOursAndMustBeTokens() throws {
        var candidate = input()
        candidate.headers = [WebhookHeader(name: "Authorization", value: "Bearer abc"), WebhookHeader(name: "X-Tenant", value: "7")]
        #expect(try WebhookSettings.validated(candidate, rules: production).headers.count == 2)
        for bad in [WebhookHeader(name: "Content-Type", value: "text/plain"), WebhookHeader(name: "x-webhook-event", value: "x"),
                    WebhookHeader(name: "webhook-signature", value: "x"), WebhookHeader(name: "Bad Name", value: "x"),
                    WebhookHeader(name: "X-Ok", value: "line\r\nInjected: yes"), WebhookHeader(name: "Host", value: "evil")] {
            candidate.headers = [bad]
            #expect(failure { _ = try WebhookSettings.validated(candidate, rules: production) }?.field.hasPrefix("headers") == true,
                    "\(bad.name)")
        }
    }

    @Test func patchChangesOnlyThePresentFields() throws {
        let original = try WebhookSettings.validated(input(), rules: production)
        var patch = WebhookInput()
        patch.isActive = false
        patch.name = "Renamed"
        let patched = try original.patched(with: patch, rules: production)
        #expect(patched.name == "Renamed")
        #expect(!patched.isActive)
        #expect(patched.url == original.url)
        #expect(patched.eventTypes == original.eventTypes)
        var badPatch = WebhookInput()
        badPatch.url = "http://crm.example.com"
        #expect(failure { _ = try original.patched(with: badPatch, rules: production) }?.field == "url")
    }
}
