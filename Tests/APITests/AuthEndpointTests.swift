import API
import Foundation
import Testing
import TestSupport

/// Login, logout and me over HTTP, as the dashboard uses them.
@Suite struct AuthEndpointTests {
    @Test func loginGivesATokenAndAnHttpOnlySecureCookie() throws {
        let service = try APIService()
        let response = try service.request("POST", "/api/v1/auth/login",
                                           json: ["email": service.demo["email"]!, "password": service.demo["password"]!])
        #expect(response.status == 200)
        let token = try #require(response.json?["token"] as? String)
        let cookie = try #require(response.header("Set-Cookie"))
        #expect(cookie.hasPrefix("wh_session=\(token);"))
        for attribute in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] { #expect(cookie.contains(attribute)) }

        let me = try service.request("GET", "/api/v1/auth/me", token: token)
        #expect(me.status == 200)
        #expect((me.json?["user"] as? [String: Any])?["email"] as? String == service.demo["email"])
        #expect(me.json?["plan"] as? String == "scale")
        #expect(me.json?["features"] as? [String] == ["webhooks"])
        #expect((me.json?["tenant"] as? [String: Any])?["id"] as? String == service.demo["tenantId"])

        let viaCookie = try service.request("GET", "/api/v1/auth/me", headers: [("Cookie", "theme=dark; wh_session=\(token)")])
        #expect(viaCookie.status == 200)
    }

    @Test func wrongPasswordAndUnknownEmailAnswerTheSame401() throws {
        let service = try APIService()
        let wrong = try service.request("POST", "/api/v1/auth/login",
                                        json: ["email": service.demo["email"]!, "password": "not the password"])
        let unknown = try service.request("POST", "/api/v1/auth/login",
                                          json: ["email": "nobody@example.com", "password": "not the password"])
        #expect(wrong.status == 401)
        #expect(unknown.status == 401)
        #expect(wrong.text == unknown.text)
    }

    @Test func logoutRevokesTheSession() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        #expect(try service.request("POST", "/api/v1/auth/logout", token: token).status == 200)
        #expect(try service.request("GET", "/api/v1/auth/me", token: token).status == 401)
    }

    @Test func missingOrBogusCredentialsAnswer401JSON() throws {
        let service = try APIService()
        for headers in [[], [("Authorization", "Bearer sess_bogus")], [("Authorization", "Basic abc")],
                        [("Authorization", "Bearer sk_bogus")], [("Cookie", "wh_session=nope")]] {
            let response = try service.request("GET", "/api/v1/auth/me", headers: headers)
            #expect(response.status == 401, "\(headers)")
            #expect((response.json?["error"] as? [String: Any])?["code"] as? String == "unauthenticated")
        }
    }

    @Test func apiKeyAuthenticatesServerToServerCalls() throws {
        let service = try APIService()
        let me = try service.request("GET", "/api/v1/auth/me", token: service.demo["apiKey"])
        #expect(me.status == 200)
        #expect(me.json?["authMethod"] as? String == "apiKey")
    }

    @Test func cookieWritesNeedASameOriginSignal() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let forged = try service.request("POST", "/api/v1/auth/logout", headers: [("Cookie", "wh_session=\(token)"),
                                                                                   ("Origin", "https://evil.example")])
        #expect(forged.status == 403)
        #expect((forged.json?["error"] as? [String: Any])?["code"] as? String == "csrf_check_failed")
        let sameOrigin = try service.request("POST", "/api/v1/auth/logout", headers: [("Cookie", "wh_session=\(token)"),
                                                                                       ("X-Requested-With", "fetch")])
        #expect(sameOrigin.status == 200)
    }

    @Test func malformedLoginBodiesGetClear400s() throws {
        let service = try APIService()
        let cases: [(String, String, String)] = [
            ("{not json", "application/json", "malformed_json"),
            ("[]", "application/json", "invalid_body"),
            (#"{"email": 5, "password": "x"}"#, "application/json", "invalid_type"),
            (#"{"email": "a@b.c"}"#, "application/json", "missing_field"),
            (#"{"email": "a@b.c", "password": "xxxxxxxxxx", "extra": 1}"#, "application/json", "unknown_field"),
        ]
        for (body, type, code) in cases {
            let response = try service.send(method: "POST", path: "/api/v1/auth/login", headers: [("Content-Type", type)],
                                            body: Array(body.utf8))
            #expect(response.status == 400, "\(body)")
            #expect((response.json?["error"] as? [String: Any])?["code"] as? String == code, "\(body)")
        }
        let wrongType = try service.send(method: "POST", path: "/api/v1/auth/login", headers: [("Content-Type", "text/plain")],
                                         body: Array("hello".utf8))
        #expect(wrongType.status == 415)
    }

    @Test func repeatedFailuresAreRateLimitedWithRetryAfter() throws {
        let service = try APIService()
        var last: TestHTTPClient.Response?
        for _ in 0..<6 {
            last = try service.request("POST", "/api/v1/auth/login",
                                       json: ["email": service.demo["email"]!, "password": "wrong password!"])
        }
        #expect(last?.status == 429)
        #expect(Int(last?.header("Retry-After") ?? "") ?? 0 > 0)
    }

    /// The probe: five wrong passwords from anywhere locked a chosen account even against its right password.
    @Test func someoneElsesGuessesDoNotLockTheOwnerOutButStopTheGuesser() throws {
        let service = try APIService()
        func login(_ password: String, from address: String) throws -> Int {
            service.remoteAddress = address
            return try service.request("POST", "/api/v1/auth/login",
                                       json: ["email": service.demo["email"]!, "password": password]).status
        }
        let guesses = try (0..<20).map { try login("wrong password \($0)", from: "198.51.100.1") }
        // Five guesses per account from one address, then that address is refused without a password check.
        #expect(guesses == Array(repeating: 401, count: 5) + Array(repeating: 429, count: 15))
        #expect(try login(service.demo["password"]!, from: "203.0.113.5") == 200)
        #expect(try login(service.demo["password"]!, from: "198.51.100.1") == 429)
    }

    /// The probe: logging out with an API key answered 200 while the key kept working.
    @Test func loggingOutWithAnAPIKeySaysTheKeyStaysValid() throws {
        let service = try APIService()
        let key = try #require(service.demo["apiKey"])
        let logout = try service.request("POST", "/api/v1/auth/logout", token: key)
        #expect(logout.status == 403)
        let error = logout.json?["error"] as? [String: Any]
        #expect(error?["code"] as? String == "session_required")
        #expect((error?["message"] as? String)?.contains("DELETE /api/v1/api-keys/{id}") == true)
        #expect(logout.header("Set-Cookie") == nil)
        #expect(try service.request("GET", "/api/v1/auth/me", token: key).status == 200)
    }

    /// The probe: only the Origin's host was compared, so a page on another port or scheme of the same host could
    /// rotate a secret through the session cookie.
    @Test func cookieWritesNeedTheSameSchemeHostAndPort() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks", token: token,
                                          json: ["url": "https://crm.example.com/hook", "eventTypes": ["lead.created"]])
        let id = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        let rotate = "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks/\(id)/rotate-secret"
        func rotateStatus(host: String, origin: String) throws -> Int {
            try service.request("POST", rotate, headers: [("Host", host), ("Cookie", "wh_session=\(token)"),
                                                          ("Origin", origin)]).status
        }
        for origin in ["http://webhooks.example.com:8443", "https://webhooks.example.com", "http://evil.example.com",
                       "null", "http://webhooks.example.com.evil.example"] {
            #expect(try rotateStatus(host: "webhooks.example.com", origin: origin) == 403, "\(origin)")
        }
        #expect(try rotateStatus(host: "webhooks.example.com:8443", origin: "http://webhooks.example.com") == 403)
        #expect(try rotateStatus(host: "webhooks.example.com", origin: "http://webhooks.example.com") == 200)
        #expect(try rotateStatus(host: "Webhooks.example.com:80", origin: "http://webhooks.example.com") == 200)
        #expect(try rotateStatus(host: "webhooks.example.com:8443", origin: "http://webhooks.example.com:8443") == 200)
    }

    @Test func thePublicOriginSettingDecidesWhichOriginIsOurs() throws {
        let service = try APIService(publicOrigin: WebOrigin("https://webhooks.example.com"))
        let token = try service.loginDemo()
        func logoutStatus(origin: String) throws -> Int {
            try service.request("POST", "/api/v1/auth/logout", headers: [("Host", "webhooks.example.com"),
                                                                          ("Cookie", "wh_session=\(token)"),
                                                                          ("Origin", origin)]).status
        }
        #expect(try logoutStatus(origin: "http://webhooks.example.com") == 403)
        #expect(try logoutStatus(origin: "https://webhooks.example.com:8443") == 403)
        #expect(try logoutStatus(origin: "https://webhooks.example.com") == 200)
    }

    @Test func behindATrustedProxyTheForwardedSchemeIsOurs() throws {
        let service = try APIService(trustedProxies: TrustedProxies(parsing: "10.0.0.0/8"))
        let token = try service.loginDemo()
        func logoutStatus(proto: String) throws -> Int {
            try service.request("POST", "/api/v1/auth/logout", headers: [("Host", "webhooks.example.com"),
                                                                          ("X-Forwarded-Proto", proto),
                                                                          ("Cookie", "wh_session=\(token)"),
                                                                          ("Origin", "https://webhooks.example.com")]).status
        }
        // From a client that is no proxy, its X-Forwarded-Proto is not believed.
        #expect(try logoutStatus(proto: "https") == 403)
        service.remoteAddress = "10.0.0.2"
        #expect(try logoutStatus(proto: "http") == 403)
        #expect(try logoutStatus(proto: "https") == 200)
    }
}
