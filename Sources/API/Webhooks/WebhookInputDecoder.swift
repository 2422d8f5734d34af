import WebhookCore

/// Reads a webhook create/update body into a ``WebhookInput``, answering wrong types and unknown fields with 400s.
enum WebhookInputDecoder {
    /// The fields a body may carry.
    static let fields: Set<String> = ["name", "url", "eventTypes", "isActive", "signatureScheme", "payloadFormat",
                                      "maxRetries", "retryDelay", "retrySchedule", "timeout", "maxConcurrency",
                                      "headers", "sensitiveHeaders", "secret", "ordering", "rateLimit"]

    /// The input of `body`.
    static func decode(_ body: JSONObject) throws(APIError) -> WebhookInput {
        try body.rejectUnknownFields(fields)
        var input = WebhookInput()
        input.name = try body.string("name", maxLength: 1_000)
        input.url = try body.string("url", maxLength: 10_000)
        input.eventTypes = try body.strings("eventTypes", maxCount: 1_000, maxLength: 200)
        input.isActive = try body.bool("isActive")
        input.signatureScheme = try body.string("signatureScheme", maxLength: 100)
        input.payloadFormat = try body.string("payloadFormat", maxLength: 100)
        input.maxRetries = try body.integer("maxRetries")
        input.retryDelay = try body.integer("retryDelay")
        // `null` removes a schedule, so unlike other fields it is not "absent".
        input.retrySchedule = body.isNull("retrySchedule") ? [] : try body.integers("retrySchedule", maxCount: 1_000)
        input.timeout = try body.integer("timeout")
        input.maxConcurrency = try body.integer("maxConcurrency")
        input.ordering = try body.string("ordering", maxLength: 100)
        // `null` removes the limit, so like `retrySchedule` it is not "absent".
        input.rateLimit = body.isNull("rateLimit") ? .some(nil) : try body.integer("rateLimit").map { .some($0) }
        input.headers = try body.stringMap("headers", maxCount: 100)?.map { WebhookHeader(name: $0.0, value: $0.1) }
        input.sensitiveHeaders = try body.strings("sensitiveHeaders", maxCount: WebhookRules.maxHeaders, maxLength: 64)
        input.secret = try body.string("secret", maxLength: 1_000)
        return input
    }
}
