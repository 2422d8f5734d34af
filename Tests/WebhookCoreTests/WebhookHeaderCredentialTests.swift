import Testing
import WebhookCore

/// Which custom header names carry credentials: the one rule for webhooks' headers and shown request headers.
@Suite struct WebhookHeaderCredentialTests {
    @Test func credentialNamesAreRecognisedWhateverTheirCase() {
        for name in ["Authorization", "authorization", "COOKIE", "X-Api-Key", "x-access-token", "X-Signing-Secret",
                     "Api-KEY", "X-Webhook-Token"] {
            #expect(WebhookHeader.isCredential(name: name), "\(name)")
        }
        for name in ["X-Custom", "X-Tenant", "Keyword", "X-Tokens", "Secret-Santa", "X-Key-Id", "Accept"] {
            #expect(!WebhookHeader.isCredential(name: name), "\(name)")
        }
    }

    @Test func aSensitiveHeaderShowsOnlyTheMask() {
        #expect(WebhookHeader(name: "Authorization", value: "Bearer x", isSensitive: true).shownValue == "••••••••")
        #expect(WebhookHeader(name: "X-Custom", sealedValue: [1, 2]).shownValue == "••••••••")
        #expect(WebhookHeader(name: "X-Custom", value: "visible").shownValue == "visible")
    }
}
