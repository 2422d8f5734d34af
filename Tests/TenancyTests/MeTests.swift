import Foundation
import Storage
import Tenancy
import Testing
import TestSupport
import WebhookCore

@Suite struct MeTests {
    @Test func meOnScaleHasTheWebhooksFeatureAndScaleLimits() throws {
        let fixture = try AuthFixture(plan: .scale)
        let token = try fixture.loginOwner().token
        let context = try #require(try fixture.authenticator.authenticate(token: token, now: AuthFixture.t0))
        let me = try #require(try fixture.authenticator.me(for: context))
        #expect(me.user?.id == fixture.owner.id)
        #expect(me.user?.email == "owner@acme.example")
        #expect(me.role == .owner)
        #expect(me.method == .session)
        #expect(me.tenant.id == fixture.tenant.id)
        #expect(me.tenant.name == "Acme")
        #expect(me.plan == .scale)
        #expect(me.webhooksAddon.status == WebhooksAddon.Status.none)
        #expect(me.features == ["webhooks"])
        #expect(me.limits == PlanLimits.for(.scale))
    }

    @Test func meOnProHasTheFeatureOnlyWithTheAddon() throws {
        let fixture = try AuthFixture(plan: .pro)
        let (_, key) = try fixture.provisioning.createAPIKey(tenantId: fixture.tenant.id, name: "server")
        let context = try #require(try fixture.authenticator.authenticate(token: key, now: AuthFixture.t0))
        let without = try #require(try fixture.authenticator.me(for: context))
        #expect(without.plan == .pro)
        #expect(without.features.isEmpty)
        #expect(without.limits == PlanLimits.for(.pro))
        #expect(without.user == nil)
        #expect(without.method == .apiKey)

        _ = try fixture.provisioning.setSubscription(
            tenantId: fixture.tenant.id, Subscription(plan: .pro, webhooksAddon: WebhooksAddon(status: .active, interval: .year)))
        let with = try #require(try fixture.authenticator.me(for: context))
        #expect(with.features == ["webhooks"])
        #expect(with.webhooksAddon == WebhooksAddon(status: .active, interval: .year))
        #expect(with.limits == PlanLimits.for(.pro))
    }

    @Test func meOfAnotherTenantsUserIsNil() throws {
        let fixture = try AuthFixture()
        let (other, _) = try fixture.provisioning.createTenant(
            name: "Other", subscription: Subscription(plan: .free), ownerEmail: "someone@other.example",
            ownerPassword: AuthFixture.otherPassword)
        // A context pairing a tenant with a user of another tenant finds no user.
        let forged = AuthContext(tenantId: other.id, userId: fixture.owner.id, apiKeyId: nil, sessionId: nil,
                                 role: .owner, subscription: Subscription(plan: .free), method: .session)
        #expect(try fixture.authenticator.me(for: forged) == nil)
    }
}
