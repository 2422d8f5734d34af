import Foundation
import Testing
import TestSupport

/// The webhooks list a dashboard polls: answered on the event loop when its access rule can tell the caller from
/// the read cache and the list is cached, with the same bytes as the blocking path.
@Suite struct CachedListTests {
    /// A session seen just now, so its last-seen time is not due for a write (which would bypass the cache).
    func freshSession(_ service: APIService) throws -> String {
        try service.login(email: service.demo["email"] ?? "", password: service.demo["password"] ?? "")
    }

    @Test func theListIsAnsweredFromTheCacheWithTheBlockingPathsBytes() throws {
        let service = try APIService(readCache: true)
        let token = try freshSession(service)
        let list = "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks"
        let created = try service.request("POST", list, token: token,
                                          json: ["url": "https://example.com/hook", "eventTypes": ["lead.created"]])
        #expect(created.status == 201)

        let blocking = try service.request("GET", list, token: token)
        #expect(blocking.status == 200)
        #expect(!service.lastAnsweredFromCache)
        // The change feed's notice of the creation may arrive after that read and drop what it cached (on a
        // loaded machine, seconds later); reads settle into the cache once it has.
        var cached = try service.request("GET", list, token: token)
        let settled = try eventually {
            if service.lastAnsweredFromCache { return true }
            cached = try service.request("GET", list, token: token)
            return false
        }
        #expect(settled)
        #expect(cached.status == 200)
        #expect(cached.body == blocking.body)
        #expect(cached.header("Content-Type") == "application/json")
        let viaCookie = try service.request("GET", list, headers: [("Cookie", "wh_session=\(token)")])
        #expect(service.lastAnsweredFromCache)
        #expect(viaCookie.body == blocking.body)

        // The writer reads its own writes.
        let second = try service.request("POST", list, token: token,
                                         json: ["url": "https://example.com/other", "eventTypes": ["*"]])
        #expect(second.status == 201)
        #expect(try service.request("GET", list, token: token).json?["total"] as? Int == 2)
    }

    @Test func aLoggedOutSessionIsRefusedAtOnce() throws {
        let service = try APIService(readCache: true)
        let token = try freshSession(service)
        let list = "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks"
        _ = try service.request("GET", list, token: token)
        // As above: the login's own change notice may drop the first load.
        let settled = try eventually {
            _ = try service.request("GET", list, token: token)
            return service.lastAnsweredFromCache
        }
        #expect(settled)
        #expect(try service.request("POST", "/api/v1/auth/logout", token: token).status == 200)
        let refused = try service.request("GET", list, token: token)
        #expect(refused.status == 401)
        #expect(refused.header("WWW-Authenticate") == "Bearer")
        #expect(!service.lastAnsweredFromCache)
    }

    @Test func anAPIKeyIsNeverTakenFromTheSessionCookie() throws {
        let service = try APIService(readCache: true)
        let key = try #require(service.demo["apiKey"])
        let list = "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks"
        // The first use writes the key's lastUsedAt (dropping its cache entry); the next loads and caches it.
        var statuses: Set<Int> = []
        let settled = try eventually {
            statuses.insert(try service.request("GET", list, token: key).status)
            return service.lastAnsweredFromCache
        }
        #expect(settled)
        #expect(statuses == [200])
        let viaCookie = try service.request("GET", list, headers: [("Cookie", "wh_session=\(key)")])
        #expect(viaCookie.status == 401)
        #expect(!service.lastAnsweredFromCache)
    }
}
