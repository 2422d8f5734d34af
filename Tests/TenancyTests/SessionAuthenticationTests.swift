import Cryptography
import Foundation
import Storage
import Tenancy
import Testing
import TestSupport
import WebhookCore

@Suite struct SessionAuthenticationTests {
    @Test func loginReturnsATokenThatIsStoredOnlyAsItsSHA256() throws {
        let fixture = try AuthFixture()
        let result = try fixture.loginOwner()
        #expect(result.user.id == fixture.owner.id)
        #expect(result.tenant.id == fixture.tenant.id)
        #expect(result.tenant.subscription.plan == .scale)
        #expect(result.role == .owner)
        #expect(result.expiresAt == AuthFixture.t0.addingTimeInterval(7 * 24 * 3600))
        #expect(result.token.hasPrefix("sess_"))
        #expect(result.token.count == 48)
        let random = try #require(Base64.decodeURL(result.token.dropFirst(5)))
        #expect(random.count == 32)
        #expect(!"\(result)".contains(result.token))

        // PostgreSQL's own sha256() of the token text is what is stored ...
        let rows = try fixture.query(
            "SELECT token_hash = sha256(convert_to($1, 'UTF8')), token_hash, s::text FROM sessions s", [result.token])
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(try row.decode(0, as: Bool.self))
        #expect(try row.decode(1, as: [UInt8].self) == SHA256.hash(result.token))
        // ... and the token itself, in any encoding, is nowhere in the row.
        let stored = try row.decode(2, as: String.self).lowercased()
        for form in [result.token, String(result.token.dropFirst(5)), Hex.encode(random), Hex.encode(Array(result.token.utf8))] {
            #expect(!stored.contains(form.lowercased()))
        }
    }

    @Test func wrongPasswordAndUnknownEmailGiveTheSameErrorAfterAKDFRun() throws {
        let fixture = try AuthFixture()
        var durations: [Duration] = []
        for (email, password) in [(AuthFixture.ownerEmail, "wrong password!"), ("nobody@acme.example", AuthFixture.ownerPassword)] {
            let clock = ContinuousClock()
            let start = clock.now
            let error = tenancyError {
                _ = try fixture.authenticator.login(email: email, password: password, clientAddress: "203.0.113.9",
                                                    now: AuthFixture.t0)
            }
            durations.append(clock.now - start)
            #expect(error == .invalidCredentials)
        }
        // Both ran scrypt (about 100 ms or more each); an unknown email is not answered early.
        #expect(durations.allSatisfy { $0 > .milliseconds(30) })
    }

    @Test func anEmailWithANulCharacterIsRefusedLikeAWrongPassword() throws {
        let fixture = try AuthFixture()
        let error = tenancyError {
            _ = try fixture.authenticator.login(email: "owner\u{0}@acme.example", password: AuthFixture.ownerPassword,
                                                clientAddress: "203.0.113.9", now: AuthFixture.t0)
        }
        #expect(error == .invalidCredentials)
    }

    @Test func emailIsMatchedIgnoringCaseAndSurroundingSpaces() throws {
        let fixture = try AuthFixture()
        let result = try fixture.authenticator.login(email: "  owner@ACME.example ", password: AuthFixture.ownerPassword,
                                                     clientAddress: "198.51.100.7", now: AuthFixture.t0)
        #expect(result.user.id == fixture.owner.id)
    }

    @Test func tokenAuthenticatesTheUserUntilLogout() throws {
        let fixture = try AuthFixture()
        let result = try fixture.loginOwner()
        let context = try #require(try fixture.authenticator.authenticate(token: result.token, now: AuthFixture.t0))
        #expect(context == AuthContext(tenantId: fixture.tenant.id, userId: fixture.owner.id, apiKeyId: nil,
                                       sessionId: result.sessionId, role: .owner,
                                       subscription: Subscription(plan: .scale), method: .session))
        #expect(context.canWrite)

        #expect(try fixture.authenticator.logout(sessionToken: result.token, now: AuthFixture.t0))
        #expect(try fixture.authenticator.authenticate(token: result.token, now: AuthFixture.t0) == nil)
        #expect(try !fixture.authenticator.logout(sessionToken: result.token, now: AuthFixture.t0))
    }

    @Test func tamperedOrMalformedTokensDoNotAuthenticate() throws {
        let fixture = try AuthFixture()
        let token = try fixture.loginOwner().token
        var tampered = Array(token)
        tampered[20] = tampered[20] == "A" ? "B" : "A"
        let forged = "sess_" + Base64.encodeURL(SecureRandom.bytes(32))
        for candidate in [String(tampered), forged, "", "sess_", token + "A", String(token.dropLast()),
                          "SESS_" + token.dropFirst(5), token.replacingOccurrences(of: "sess_", with: "sk_")] {
            #expect(try fixture.authenticator.authenticate(token: candidate, now: AuthFixture.t0) == nil,
                    "\(candidate)")
        }
        #expect(try fixture.authenticator.authenticate(token: token, now: AuthFixture.t0) != nil)
    }

    @Test func sessionEndsAtItsAbsoluteExpiryHoweverActive() throws {
        let fixture = try AuthFixture()
        let token = try fixture.loginOwner().token
        let hour: TimeInterval = 3600
        // Used every 20 hours: never idle, still valid until the 7 days are up.
        for step in 1...8 {
            let now = AuthFixture.t0.addingTimeInterval(Double(step) * 20 * hour)
            #expect(try fixture.authenticator.authenticate(token: token, now: now) != nil, "after \(step * 20) h")
        }
        #expect(try fixture.authenticator.authenticate(token: token, now: AuthFixture.t0.addingTimeInterval(168 * hour - 1)) != nil)
        #expect(try fixture.authenticator.authenticate(token: token, now: AuthFixture.t0.addingTimeInterval(168 * hour)) == nil)
    }

    @Test func sessionEndsAfterTwentyFourIdleHours() throws {
        let fixture = try AuthFixture()
        let first = try fixture.loginOwner().token
        let second = try fixture.loginOwner().token
        let hour: TimeInterval = 3600
        #expect(try fixture.authenticator.authenticate(token: first, now: AuthFixture.t0.addingTimeInterval(24 * hour)) == nil)
        // Use restarts the idle clock.
        #expect(try fixture.authenticator.authenticate(token: second, now: AuthFixture.t0.addingTimeInterval(23 * hour)) != nil)
        #expect(try fixture.authenticator.authenticate(token: second, now: AuthFixture.t0.addingTimeInterval(46 * hour)) != nil)
        #expect(try fixture.authenticator.authenticate(token: second, now: AuthFixture.t0.addingTimeInterval(70 * hour + 1)) == nil)
    }

    @Test func authenticationRefreshesLastSeenAtAtMostOnceAMinute() throws {
        let fixture = try AuthFixture()
        let token = try fixture.loginOwner().token
        func lastSeen() throws -> Date? {
            try fixture.database.read { try $0.sessions.find(tokenHash: SessionToken.hash(token)) }?.session.lastSeenAt
        }
        #expect(try lastSeen() == AuthFixture.t0)
        _ = try fixture.authenticator.authenticate(token: token, now: AuthFixture.t0.addingTimeInterval(30))
        #expect(try lastSeen() == AuthFixture.t0)
        _ = try fixture.authenticator.authenticate(token: token, now: AuthFixture.t0.addingTimeInterval(90))
        #expect(try lastSeen() == AuthFixture.t0.addingTimeInterval(90))
        _ = try fixture.authenticator.authenticate(token: token, now: AuthFixture.t0.addingTimeInterval(140))
        #expect(try lastSeen() == AuthFixture.t0.addingTimeInterval(90))
        _ = try fixture.authenticator.authenticate(token: token, now: AuthFixture.t0.addingTimeInterval(150))
        #expect(try lastSeen() == AuthFixture.t0.addingTimeInterval(150))
    }

    @Test func contextCarriesTheCurrentRoleAndBilling() throws {
        let fixture = try AuthFixture(plan: .pro)
        let member = try fixture.provisioning.addUser(tenantId: fixture.tenant.id, email: "member@acme.example",
                                                      password: AuthFixture.otherPassword, role: .member)
        let token = try fixture.authenticator.login(email: member.email, password: AuthFixture.otherPassword,
                                                    clientAddress: "198.51.100.8", now: AuthFixture.t0).token
        let before = try #require(try fixture.authenticator.authenticate(token: token, now: AuthFixture.t0))
        #expect(before.role == .member && !before.canWrite)
        #expect(!before.subscription.hasWebhooksFeature)
        _ = try fixture.provisioning.setSubscription(
            tenantId: fixture.tenant.id, Subscription(plan: .pro, webhooksAddon: WebhooksAddon(status: .active, interval: .month)))
        let after = try #require(try fixture.authenticator.authenticate(token: token, now: AuthFixture.t0))
        #expect(after.subscription.hasWebhooksFeature)
    }

    @Test func purgeDeletesOnlySessionsThatCanNoLongerAuthenticate() throws {
        let fixture = try AuthFixture()
        let active = try fixture.loginOwner().token
        let loggedOut = try fixture.loginOwner().token
        try fixture.authenticator.logout(sessionToken: loggedOut, now: AuthFixture.t0)
        #expect(try fixture.authenticator.purgeExpiredSessions(now: AuthFixture.t0.addingTimeInterval(60)) == 1)
        #expect(try fixture.authenticator.authenticate(token: active, now: AuthFixture.t0.addingTimeInterval(60)) != nil)
        #expect(try fixture.authenticator.purgeExpiredSessions(now: AuthFixture.t0.addingTimeInterval(8 * 24 * 3600)) == 1)
        #expect(try fixture.query("SELECT count(*) FROM sessions").first?.decode(0, as: Int.self) == 0)
    }

    @Test func logoutEverywhereRevokesEveryOneOfTheUsersSessions() throws {
        let fixture = try AuthFixture()
        let tokens = [try fixture.loginOwner().token, try fixture.loginOwner().token]
        #expect(try fixture.authenticator.logoutEverywhere(tenantId: fixture.tenant.id, userId: fixture.owner.id,
                                                           now: AuthFixture.t0) == 2)
        for token in tokens {
            #expect(try fixture.authenticator.authenticate(token: token, now: AuthFixture.t0) == nil)
        }
    }
}
