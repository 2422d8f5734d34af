import Testing
import WebhookCore

/// `retrySchedule` as create, PUT and PATCH validate it.
@Suite struct RetryScheduleSettingsTests {
    let scale = WebhookRules(limits: Plan.scale.limits, allowPrivateTargets: false, headerPrefix: "X-Webhook")
    let seed003 = [60_000, 300_000, 1_800_000, 10_800_000]

    func input(schedule: [Int]? = nil, maxRetries: Int? = nil) -> WebhookInput {
        var input = WebhookInput()
        input.url = "https://crm.example.com/hooks"
        input.eventTypes = ["lead.created"]
        input.retrySchedule = schedule
        input.maxRetries = maxRetries
        return input
    }

    func failure(_ body: () throws -> Void) -> WebhookValidationError? {
        do { try body() } catch let error as WebhookValidationError { return error } catch { return nil }
        return nil
    }

    @Test func aScheduleSetsTheNumberOfRetries() throws {
        let settings = try WebhookSettings.validated(input(schedule: seed003), rules: scale)
        #expect(settings.retryScheduleMilliseconds == seed003)
        #expect(settings.maxRetries == 4)
        let svix = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]
        #expect(try WebhookSettings.validated(input(schedule: svix, maxRetries: 7), rules: scale).maxRetries == 7)
    }

    @Test func withoutAScheduleNothingChanges() throws {
        let settings = try WebhookSettings.validated(input(), rules: scale)
        #expect(settings.retryScheduleMilliseconds.isEmpty)
        #expect(settings.maxRetries == 3)
        let emptied = try WebhookSettings.validated(input(schedule: [], maxRetries: 0), rules: scale)
        #expect(emptied.retryScheduleMilliseconds.isEmpty)
        #expect(emptied.maxRetries == 0)
    }

    @Test func aMaxRetriesThatDisagreesWithTheScheduleNamesMaxRetries() {
        let error = failure { _ = try WebhookSettings.validated(input(schedule: seed003, maxRetries: 3), rules: scale) }
        #expect(error?.field == "maxRetries")
        #expect(error?.code == "invalid_field")
        #expect(failure { _ = try WebhookSettings.validated(input(schedule: [1_000], maxRetries: 0), rules: scale) }?
            .field == "maxRetries")
    }

    @Test(arguments: [
        ([1_000, 99], "retrySchedule[1]"), ([-5], "retrySchedule[0]"), ([0, 1_000], "retrySchedule[0]"),
        ([1_000, 2_000, 86_400_001], "retrySchedule[2]"), (Array(repeating: 1_000, count: 11), "retrySchedule"),
    ])
    func delaysOutOfRangeAndTooManyDelaysAreRefused(schedule: [Int], field: String) {
        let error = failure { _ = try WebhookSettings.validated(input(schedule: schedule), rules: scale) }
        #expect(error?.field == field)
        #expect(error?.code == "invalid_field")
    }

    @Test func theBoundsThemselvesAreAccepted() throws {
        let settings = try WebhookSettings.validated(input(schedule: [100, 86_400_000]), rules: scale)
        #expect(settings.retryScheduleMilliseconds == [100, 86_400_000])
    }

    @Test func aScheduleLongerThanThePlanAllowsIsAPlanLimit() {
        let free = WebhookRules(limits: Plan.free.limits, allowPrivateTargets: false, headerPrefix: "X-Webhook")
        let error = failure { _ = try WebhookSettings.validated(input(schedule: seed003), rules: free) }
        #expect(error?.code == "plan_limit_exceeded")
        #expect(error?.field == "retrySchedule")
        #expect((try? WebhookSettings.validated(input(schedule: [1_000, 2_000, 3_000]), rules: free))?.maxRetries == 3)
    }

    @Test func patchSetsReplacesAndClearsTheSchedule() throws {
        let original = try WebhookSettings.validated(input(maxRetries: 2), rules: scale)
        var setting = WebhookInput()
        setting.retrySchedule = seed003
        let scheduled = try original.patched(with: setting, rules: scale)
        #expect(scheduled.retryScheduleMilliseconds == seed003)
        #expect(scheduled.maxRetries == 4)

        var renaming = WebhookInput()
        renaming.name = "Renamed"
        #expect(try scheduled.patched(with: renaming, rules: scale).retryScheduleMilliseconds == seed003)

        var clearing = WebhookInput()
        clearing.retrySchedule = []
        let cleared = try scheduled.patched(with: clearing, rules: scale)
        #expect(cleared.retryScheduleMilliseconds.isEmpty)
        #expect(cleared.maxRetries == 4)
        clearing.maxRetries = 0
        #expect(try scheduled.patched(with: clearing, rules: scale).maxRetries == 0)
    }

    @Test func patchingMaxRetriesAloneMustAgreeWithTheStoredSchedule() throws {
        let scheduled = try WebhookSettings.validated(input(schedule: seed003), rules: scale)
        var patch = WebhookInput()
        patch.maxRetries = 5
        #expect(failure { _ = try scheduled.patched(with: patch, rules: scale) }?.field == "maxRetries")
        patch.maxRetries = 4
        #expect(try scheduled.patched(with: patch, rules: scale) == scheduled)
    }
}
