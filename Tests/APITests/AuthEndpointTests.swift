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
}
