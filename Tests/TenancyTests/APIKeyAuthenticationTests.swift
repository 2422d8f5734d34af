import Foundation
import Storage
import Tenancy
import Testing
import TestSupport
import WebhookCore

@Suite struct APIKeyAuthenticationTests {
    @Test func apiKeyAuthenticatesItsTenant() throws {
        let fixture = try AuthFixture(plan: .pro)
        let (record, key) = try fixture.provisioning.createAPIKey(tenantId: fixture.tenant.id, name: "server")
        let context = try #require(try fixture.authenticator.authenticate(token: key, now: AuthFixture.t0))
        #expect(context == AuthContext(tenantId: fixture.tenant.id, userId: nil, apiKeyId: record.id, sessionId: nil,
                                       role: .admin, subscription: Subscription(plan: .pro), method: .apiKey))
    }

    @Test func unknownTamperedOrMalformedKeysDoNotAuthenticate() throws {
        let fixture = try AuthFixture()
        let (_, key) = try fixture.provisioning.createAPIKey(tenantId: fixture.tenant.id, name: "server")
        var tampered = Array(key)
        tampered[10] = tampered[10] == "A" ? "B" : "A"
        for candidate in [String(tampered), APIKeyGenerator.generate(), "", "sk_", key + "A", String(key.dropLast()),
                          "Bearer " + key, key.replacingOccurrences(of: "sk_", with: "sess_")] {
            #expect(try fixture.authenticator.authenticate(token: candidate, now: AuthFixture.t0) == nil, "\(candidate)")
        }
    }

    @Test func lastUsedAtIsRefreshedAtMostOnceAMinute() throws {
        let fixture = try AuthFixture()
        let (record, key) = try fixture.provisioning.createAPIKey(tenantId: fixture.tenant.id, name: "server")
        func lastUsed() throws -> Date? {
            try fixture.authenticator.listAPIKeys(tenantId: fixture.tenant.id).first { $0.id == record.id }?.lastUsedAt
        }
        #expect(try lastUsed() == nil)
        _ = try fixture.authenticator.authenticate(token: key, now: AuthFixture.t0)
        #expect(try lastUsed() == AuthFixture.t0)
        _ = try fixture.authenticator.authenticate(token: key, now: AuthFixture.t0.addingTimeInterval(59))
        #expect(try lastUsed() == AuthFixture.t0)
        _ = try fixture.authenticator.authenticate(token: key, now: AuthFixture.t0.addingTimeInterval(61))
        #expect(try lastUsed() == AuthFixture.t0.addingTimeInterval(61))
    }

    @Test func revokedKeyNoLongerAuthenticates() throws {
        let fixture = try AuthFixture()
        let (record, key) = try fixture.provisioning.createAPIKey(tenantId: fixture.tenant.id, name: "server")
        let (kept, keptKey) = try fixture.provisioning.createAPIKey(tenantId: fixture.tenant.id, name: "other")
        #expect(try fixture.authenticator.revokeAPIKey(tenantId: fixture.tenant.id, id: record.id, now: AuthFixture.t0))
        #expect(try fixture.authenticator.authenticate(token: key, now: AuthFixture.t0) == nil)
        #expect(try fixture.authenticator.authenticate(token: keptKey, now: AuthFixture.t0)?.apiKeyId == kept.id)
        #expect(try !fixture.authenticator.revokeAPIKey(tenantId: fixture.tenant.id, id: record.id, now: AuthFixture.t0))
        let listed = try fixture.authenticator.listAPIKeys(tenantId: fixture.tenant.id)
        #expect(Set(listed.map(\.id)) == [record.id, kept.id])
        #expect(listed.first { $0.id == record.id }?.revokedAt == AuthFixture.t0)
        #expect(listed.first { $0.id == kept.id }?.revokedAt == nil)
    }

    @Test func anotherTenantCannotSeeOrRevokeMyKey() throws {
        let fixture = try AuthFixture()
        let (record, key) = try fixture.provisioning.createAPIKey(tenantId: fixture.tenant.id, name: "server")
        let (intruder, _) = try fixture.provisioning.createTenant(
            name: "Intruder", subscription: Subscription(plan: .scale), ownerEmail: "eve@intruder.example",
            ownerPassword: AuthFixture.otherPassword)
        #expect(try !fixture.authenticator.revokeAPIKey(tenantId: intruder.id, id: record.id, now: AuthFixture.t0))
        #expect(try fixture.authenticator.listAPIKeys(tenantId: intruder.id).isEmpty)
        #expect(try fixture.authenticator.authenticate(token: key, now: AuthFixture.t0)?.tenantId == fixture.tenant.id)
    }
}
