import Foundation
import Storage
import Tenancy
import Testing
import TestSupport
import WebhookCore

@Suite struct LoginRateLimitTests {
    private static let window: TimeInterval = 15 * 60

    @Test func standardPolicyAllowsFivePerAccountAndAddressTwentyPerAddressAndAHundredPerAccount() {
        let policy = AuthPolicy.standard
        #expect(policy.accountFailureLimit == 5)
        #expect(policy.addressFailureLimit == 20)
        #expect(policy.accountWideFailureLimit == 100)
        #expect(policy.throttleWindow == 15 * 60)
        #expect(policy.sessionLifetime == 7 * 24 * 3600)
        #expect(policy.sessionIdleTimeout == 24 * 3600)
        #expect(policy.lastSeenGranularity == 60)
    }

    @Test func sixthAttemptFromTheGuessersAddressIsRefusedEvenWithTheRightPassword() throws {
        let fixture = try AuthFixture()
        let other = try fixture.provisioning.addUser(tenantId: fixture.tenant.id, email: "other@acme.example",
                                                     password: AuthFixture.otherPassword, role: .admin)
        for attempt in 1...5 {
            let now = AuthFixture.t0.addingTimeInterval(Double(attempt))
            #expect(tenancyError {
                _ = try fixture.authenticator.login(email: AuthFixture.ownerEmail, password: "wrong password \(attempt)",
                                                    clientAddress: "198.51.100.7", now: now)
            } == .invalidCredentials)
        }
        // Limited by the window that started with the first failure (not by the KDF gate, whose answer is 1 s).
        let now = AuthFixture.t0.addingTimeInterval(10)
        let refusal = tenancyError { _ = try fixture.loginOwner(now: now) }
        guard case .rateLimited(let retryAfter) = refusal else {
            Issue.record("expected rateLimited, got \(String(describing: refusal))")
            return
        }
        // The first failure was at t0 + 1 s, so the window ends at t0 + 901 s.
        #expect(retryAfter == 891)
        // The lock is per account and address: from another address the owner logs in ...
        #expect(try fixture.loginOwner(address: "192.0.2.50", now: now).user.id == fixture.owner.id)
        // ... which does not lift the guesser's lock ...
        #expect(tenancyError { _ = try fixture.loginOwner(now: now) } == .rateLimited(retryAfter: retryAfter))
        // ... and a different account from a different address is not affected.
        let result = try fixture.authenticator.login(email: other.email, password: AuthFixture.otherPassword,
                                                     clientAddress: "192.0.2.51", now: now)
        #expect(result.user.id == other.id)
    }

    @Test func addressLimitTripsAcrossDifferentEmails() throws {
        let fixture = try AuthFixture(policy: AuthPolicy(addressFailureLimit: 3))
        for index in 1...3 {
            #expect(tenancyError {
                _ = try fixture.authenticator.login(email: "guess\(index)@acme.example", password: "some password",
                                                    clientAddress: "203.0.113.66", now: AuthFixture.t0)
            } == .invalidCredentials)
        }
        #expect(tenancyError { _ = try fixture.loginOwner(address: "203.0.113.66") } == .rateLimited(retryAfter: 900))
        // The account itself has no failures: from elsewhere its owner logs in.
        #expect(try fixture.loginOwner(address: "203.0.113.67").user.id == fixture.owner.id)
    }

    @Test func ipv6AddressesAreCountedPerSlash64() throws {
        let fixture = try AuthFixture(policy: AuthPolicy(addressFailureLimit: 1))
        #expect(tenancyError {
            _ = try fixture.authenticator.login(email: "guess@acme.example", password: "some password",
                                                clientAddress: "2001:db8:1:2::1", now: AuthFixture.t0)
        } == .invalidCredentials)
        #expect(tenancyError { _ = try fixture.loginOwner(address: "2001:DB8:1:2:ffff::9") } == .rateLimited(retryAfter: 900))
        #expect(tenancyError { _ = try fixture.loginOwner(address: "[2001:db8:1:2::abcd]") } == .rateLimited(retryAfter: 900))
        #expect(try fixture.loginOwner(address: "2001:db8:1:3::1").user.id == fixture.owner.id)
    }

    @Test func windowResetsFifteenMinutesAfterItsFirstFailure() throws {
        let fixture = try AuthFixture(policy: AuthPolicy(accountFailureLimit: 2))
        for offset in [0.0, 60] {
            #expect(tenancyError {
                _ = try fixture.authenticator.login(email: AuthFixture.ownerEmail, password: "wrong password",
                                                    clientAddress: "198.51.100.7", now: AuthFixture.t0.addingTimeInterval(offset))
            } == .invalidCredentials)
        }
        #expect(tenancyError { _ = try fixture.loginOwner(now: AuthFixture.t0.addingTimeInterval(14 * 60)) }
                == .rateLimited(retryAfter: 60))
        #expect(tenancyError { _ = try fixture.loginOwner(now: AuthFixture.t0.addingTimeInterval(Self.window - 0.5)) }
                == .rateLimited(retryAfter: 1))
        let result = try fixture.loginOwner(now: AuthFixture.t0.addingTimeInterval(Self.window))
        #expect(result.user.id == fixture.owner.id)
    }

    @Test func successfulLoginClearsTheAccountsFailures() throws {
        let fixture = try AuthFixture(policy: AuthPolicy(accountFailureLimit: 2))
        for round in 0..<2 {
            let now = AuthFixture.t0.addingTimeInterval(Double(round) * 60)
            #expect(tenancyError {
                _ = try fixture.authenticator.login(email: AuthFixture.ownerEmail, password: "wrong password",
                                                    clientAddress: "198.51.100.7", now: now)
            } == .invalidCredentials)
            // Without the reset, the second round's failure would make two and refuse this login.
            #expect(try fixture.loginOwner(now: now).user.id == fixture.owner.id)
        }
    }

    @Test func staleCountersArePurged() throws {
        let fixture = try AuthFixture()
        #expect(tenancyError {
            _ = try fixture.authenticator.login(email: "guess@acme.example", password: "some password",
                                                clientAddress: "203.0.113.66", now: AuthFixture.t0)
        } == .invalidCredentials)
        #expect(try fixture.authenticator.purgeStaleLoginThrottles(now: AuthFixture.t0.addingTimeInterval(60)) == 0)
        #expect(try fixture.authenticator.purgeStaleLoginThrottles(now: AuthFixture.t0.addingTimeInterval(Self.window)) == 3)
    }

    @Test func throttleTableHoldsNoEmailOrAddressInClear() throws {
        let fixture = try AuthFixture()
        _ = tenancyError {
            _ = try fixture.authenticator.login(email: AuthFixture.ownerEmail, password: "wrong password",
                                                clientAddress: "198.51.100.7", now: AuthFixture.t0)
        }
        let buckets = try fixture.query("SELECT bucket FROM login_throttle").map { try $0.decode(0, as: String.self) }
        #expect(buckets.count == 3)
        #expect(buckets.allSatisfy { !$0.contains("acme") && !$0.contains("198.51") })
    }

    @Test func anAccountUnderAttackRefusesAddressesThatFailedButLetsAFreshOneIn() throws {
        let fixture = try AuthFixture(policy: AuthPolicy(accountWideFailureLimit: 3))
        for index in 1...3 {
            #expect(tenancyError {
                _ = try fixture.authenticator.login(email: AuthFixture.ownerEmail, password: "wrong password",
                                                    clientAddress: "203.0.113.\(index)", now: AuthFixture.t0)
            } == .invalidCredentials)
        }
        // Each of those addresses has one failure of its five, but the account is now under attack: no second try.
        #expect(tenancyError { _ = try fixture.loginOwner(address: "203.0.113.1") } == .rateLimited(retryAfter: 900))
        // An address with no failures still gets its turn: the owner signs in, and a guess from it still counts.
        #expect(try fixture.loginOwner(address: "192.0.2.50").user.id == fixture.owner.id)
        #expect(tenancyError {
            _ = try fixture.authenticator.login(email: AuthFixture.ownerEmail, password: "wrong password",
                                                clientAddress: "203.0.113.4", now: AuthFixture.t0)
        } == .invalidCredentials)
        #expect(tenancyError { _ = try fixture.loginOwner(address: "203.0.113.4") } == .rateLimited(retryAfter: 900))
    }
}
