import Foundation
import Storage
import Tenancy
import Testing
import TestSupport
import WebhookCore

@Suite struct ProvisioningTests {
    @Test func createTenantStoresTheOwnerWithAHashedPassword() throws {
        let database = try TestDatabase.migrated().open()
        let provisioning = Provisioning(database: database)
        let (tenant, owner) = try provisioning.createTenant(
            name: "Acme", subscription: Subscription(plan: .pro), ownerEmail: "Owner@Acme.example", ownerPassword: "correct horse battery")
        #expect(owner.role == .owner)
        #expect(owner.email == "owner@acme.example")
        #expect(owner.tenantId == tenant.id)
        let stored = try database.read { try $0.users.credentials(email: "OWNER@acme.example") }
        #expect(stored?.user.id == owner.id)
        #expect(stored?.passwordHash.contains("correct horse") == false)
        #expect(try database.read { try $0.tenants.find(id: tenant.id) }?.subscription.plan == .pro)
    }

    @Test func emailIsUniqueAcrossTenantsIgnoringCase() throws {
        let provisioning = Provisioning(database: try TestDatabase.migrated().open())
        _ = try provisioning.createTenant(name: "A", subscription: Subscription(plan: .free),
                                          ownerEmail: "same@example.com", ownerPassword: "password-one")
        #expect(throws: TenancyError.emailTaken) {
            try provisioning.createTenant(name: "B", subscription: Subscription(plan: .free),
                                          ownerEmail: "SAME@example.com", ownerPassword: "password-two")
        }
    }

    @Test func invalidInputNamesTheField() throws {
        let provisioning = Provisioning(database: try TestDatabase.migrated().open())
        #expect(throws: TenancyError.invalid(field: "owner.email", message: "must be an email address")) {
            try provisioning.createTenant(name: "A", subscription: Subscription(plan: .free),
                                          ownerEmail: "not-an-email", ownerPassword: "long enough password")
        }
        #expect(throws: TenancyError.invalid(field: "owner.password", message: "must be 10 to 1024 bytes long")) {
            try provisioning.createTenant(name: "A", subscription: Subscription(plan: .free),
                                          ownerEmail: "a@example.com", ownerPassword: "short")
        }
        #expect(throws: TenancyError.invalid(field: "owner.password", message: "must not contain control characters")) {
            try provisioning.createTenant(name: "A", subscription: Subscription(plan: .free),
                                          ownerEmail: "a@example.com", ownerPassword: "long enough\u{7}password")
        }
        #expect(throws: TenancyError.invalid(field: "name", message: "must be 1 to 200 characters without control characters")) {
            try provisioning.createTenant(name: "  ", subscription: Subscription(plan: .free),
                                          ownerEmail: "a@example.com", ownerPassword: "long enough password")
        }
    }

    @Test func subscriptionChangesTurnTheWebhooksFeatureOnAndOff() throws {
        let provisioning = Provisioning(database: try TestDatabase.migrated().open())
        let (tenant, _) = try provisioning.createTenant(name: "A", subscription: Subscription(plan: .starter),
                                                        ownerEmail: "a@example.com", ownerPassword: "long enough password")
        #expect(!tenant.subscription.hasWebhooksFeature)
        let withAddon = try provisioning.setSubscription(
            tenantId: tenant.id, Subscription(plan: .starter, webhooksAddon: WebhooksAddon(status: .active, interval: .year)))
        #expect(withAddon.subscription.hasWebhooksFeature)
        #expect(withAddon.subscription.webhooksAddon.interval == .year)
        let lapsed = try provisioning.setSubscription(
            tenantId: tenant.id, Subscription(plan: .starter, webhooksAddon: WebhooksAddon(status: .canceled, interval: .year)))
        #expect(!lapsed.subscription.hasWebhooksFeature)
        #expect(throws: TenancyError.tenantNotFound) {
            try provisioning.setSubscription(tenantId: UUID(), Subscription(plan: .scale))
        }
    }

    @Test func apiKeysAreShownOnceAndStoredOnlyAsHashes() throws {
        let database = try TestDatabase.migrated().open()
        let provisioning = Provisioning(database: database)
        let (tenant, _) = try provisioning.createTenant(name: "A", subscription: Subscription(plan: .scale),
                                                        ownerEmail: "a@example.com", ownerPassword: "long enough password")
        let (record, key) = try provisioning.createAPIKey(tenantId: tenant.id, name: "server")
        #expect(key.hasPrefix("sk_"))
        #expect(key.count == 46)
        #expect(try database.read { try $0.apiKeys.find(keyHash: APIKeyGenerator.hash(key)) }?.id == record.id)
        #expect(try database.read { try $0.apiKeys.find(keyHash: APIKeyGenerator.hash(key + "x")) } == nil)
        // The listed prefix is what every key starts with, none of this key's own characters.
        #expect(record.prefix == "sk_" && key.hasPrefix(record.prefix))
    }

    @Test func demoIsIdempotentAndOnTheScalePlan() throws {
        let database = try TestDatabase.migrated().open()
        let provisioning = Provisioning(database: database)
        let seed = Array(repeating: UInt8(7), count: 32)
        let first = try provisioning.ensureDemo(seed: seed)
        let second = try provisioning.ensureDemo(seed: seed)
        #expect(first == second)
        let tenant = try database.read { try $0.tenants.find(id: first.tenantId) }
        #expect(tenant?.subscription.plan == .scale)
        #expect(tenant?.subscription.hasWebhooksFeature == true)
        #expect(try database.read { try $0.chatbots.list(tenantId: first.tenantId) }.map(\.id) == [first.chatbotId])
        #expect(try database.read { try $0.apiKeys.find(keyHash: APIKeyGenerator.hash(first.apiKey)) }?.tenantId == first.tenantId)
    }
}
