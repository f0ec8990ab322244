/**
 * The pack's two REST APIs, mounted by Keycloak: the self-service API at {@code /realms/{realm}/iot} and the admin
 * API at {@code /admin/realms/{realm}/iot}. The definition below holds the parts of their OpenAPI document that no
 * single resource method owns; {@link io.keycloakiot.rest.OpenApiDocumentFilter} completes it at build time.
 */
@OpenAPIDefinition(
        info = @Info(title = "keycloak-iot", version = "see the build",
                description = "Device authorization for IoT platforms on a stock Keycloak server. The self-service API"
                        + " (`/realms/{realm}/iot`) serves a signed-in user's devices, grounds, tokens and shares and the"
                        + " check API for resource servers; the admin API (`/admin/realms/{realm}/iot`) serves the realm's"
                        + " administrators. Times are epoch milliseconds. Every refusal is a JSON `Error`."),
        tags = {
                @Tag(name = "Devices", description = "A user's devices, or the realm's for its administrators"),
                @Tag(name = "Grounds", description = "Named groups of one owner's devices"),
                @Tag(name = "Tokens", description = "Device, ground and profile tokens: `.../devices/{id}/tokens`,"
                        + " `.../grounds/{id}/tokens`, a user's access-token profiles"),
                @Tag(name = "Shares", description = "Sharing devices and grounds by invitation"),
                @Tag(name = "Catalogue", description = "The realm's resource types and their actions"),
                @Tag(name = "Settings", description = "The realm's policies"),
                @Tag(name = "Onboarding", description = "Devices registering themselves after the device authorization grant"),
                @Tag(name = "Check API", description = "The authorization check for resource servers"),
                @Tag(name = "Contract", description = "This document")
        },
        components = @Components(
                securitySchemes = {
                        @SecurityScheme(securitySchemeName = OpenApiDocumentFilter.USER, type = SecuritySchemeType.HTTP,
                                scheme = "bearer", bearerFormat = "JWT",
                                description = "An access token of the realm issued for the API: its `scope` has the pack's"
                                        + " client scope `iot` (everything the user may do) or the operations' `<type>:<action>`"
                                        + " scopes; otherwise 403 `insufficient_scope`. Tokens of device-grant clients reach"
                                        + " only `/onboarding`."),
                        @SecurityScheme(securitySchemeName = OpenApiDocumentFilter.ADMIN, type = SecuritySchemeType.HTTP,
                                scheme = "bearer", bearerFormat = "JWT",
                                description = "An access token of a realm administrator, as for Keycloak's own admin API:"
                                        + " reading needs view-realm, changing manage-realm, people's data view-users."),
                        @SecurityScheme(securitySchemeName = OpenApiDocumentFilter.CLIENT, type = SecuritySchemeType.HTTP,
                                scheme = "basic",
                                description = "A confidential client of the realm, authenticated by any of its client"
                                        + " authentication methods (HTTP Basic with its secret shown here)."),
                        @SecurityScheme(securitySchemeName = OpenApiDocumentFilter.CLIENT_TOKEN, type = SecuritySchemeType.HTTP,
                                scheme = "bearer", bearerFormat = "JWT",
                                description = "A client-credentials access token of the calling confidential client.")
                },
                schemas = {
                        @Schema(name = OpenApiDocumentFilter.ERROR, type = SchemaType.OBJECT, requiredProperties = "error",
                                description = "Every refusal. The pack's own always carry `error_description`; a refusal"
                                        + " Keycloak makes before the pack runs (the admin API's authentication) may not.",
                                properties = {
                                        @SchemaProperty(name = "error", type = SchemaType.STRING,
                                                description = "A stable code: invalid_request, invalid_token, insufficient_scope,"
                                                        + " forbidden, not_found, conflict, unsupported_media_type,"
                                                        + " payload_too_large, too_many_requests, unauthorized_client"),
                                        @SchemaProperty(name = "error_description", type = SchemaType.STRING,
                                                description = "What was wrong, for people")
                                }),
                        @Schema(name = "Revoked", type = SchemaType.OBJECT, requiredProperties = "revoked",
                                properties = @SchemaProperty(name = "revoked", type = SchemaType.INTEGER, format = "int32",
                                        description = "How many tokens were revoked")),
                        @Schema(name = "OwnerTokensRevoked", type = SchemaType.OBJECT,
                                requiredProperties = {"revoked", "device", "ground", "profile"},
                                properties = {
                                        @SchemaProperty(name = "revoked", type = SchemaType.INTEGER, format = "int32",
                                                description = "How many tokens were revoked in all"),
                                        @SchemaProperty(name = "device", type = SchemaType.INTEGER, format = "int32"),
                                        @SchemaProperty(name = "ground", type = SchemaType.INTEGER, format = "int32"),
                                        @SchemaProperty(name = "profile", type = SchemaType.INTEGER, format = "int32")
                                }),
                        @Schema(name = "Catalogue", type = SchemaType.OBJECT, requiredProperties = {"types", "settings"},
                                description = "The realm's permission catalogue and its policies",
                                properties = {
                                        @SchemaProperty(name = "types", type = SchemaType.ARRAY, implementation = ResourceType.class),
                                        @SchemaProperty(name = "settings", implementation = RealmSettings.class)
                                }),
                        @Schema(name = "AccessDecisions", type = SchemaType.OBJECT, requiredProperties = "results",
                                properties = @SchemaProperty(name = "results", type = SchemaType.ARRAY,
                                        implementation = AccessDecision.class)),
                        @Schema(name = "AccessListing", type = SchemaType.OBJECT,
                                requiredProperties = {"type", "action", "active", "all", "resources", "first", "max"},
                                description = "A page of the ids the token may take the action on. `active`: whether the"
                                        + " token is active; `all`: every resource of the type (one the pack does not keep).",
                                properties = {
                                        @SchemaProperty(name = "type", type = SchemaType.STRING),
                                        @SchemaProperty(name = "action", type = SchemaType.STRING),
                                        @SchemaProperty(name = "active", type = SchemaType.BOOLEAN),
                                        @SchemaProperty(name = "all", type = SchemaType.BOOLEAN),
                                        @SchemaProperty(name = "resources", type = SchemaType.ARRAY, implementation = String.class),
                                        @SchemaProperty(name = "first", type = SchemaType.INTEGER, format = "int32"),
                                        @SchemaProperty(name = "max", type = SchemaType.INTEGER, format = "int32")
                                }),
                        @Schema(name = "Onboarded", type = SchemaType.OBJECT, requiredProperties = {"device", "token"},
                                description = "The device and its device token, with its secret",
                                properties = {
                                        @SchemaProperty(name = "device", implementation = DeviceRepresentation.class),
                                        @SchemaProperty(name = "token", implementation = TokenRepresentation.class)
                                }),
                        @Schema(name = "Expiry", oneOf = {Long.class, String.class},
                                description = "Epoch milliseconds or an ISO-8601 instant (`2030-01-31T00:00:00Z`), in the"
                                        + " future; left out or null: never"),
                        @Schema(name = "DeviceWithClaimSecret", type = SchemaType.OBJECT, allOf = DeviceRepresentation.class,
                                description = "A device and, in the one answer that made it, its one-time claim secret",
                                properties = @SchemaProperty(name = "claimSecret", type = SchemaType.STRING,
                                        description = "Present when the answer made a claim secret (a fleet device); shown"
                                                + " this once"))
                },
                parameters = {
                        @Parameter(name = "first", in = ParameterIn.QUERY, description = "Index of the first item of the page",
                                schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", defaultValue = "0")),
                        @Parameter(name = "max", in = ParameterIn.QUERY, description = "Most items in the page",
                                schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                                        maximum = "" + Page.MAX_MAX, defaultValue = "" + Page.DEFAULT_MAX))
                },
                responses = {
                        @APIResponse(name = OpenApiDocumentFilter.BAD_REQUEST, description = "The request is not one the"
                                + " operation takes: its body, a parameter, or a path Keycloak refuses as not normalised",
                                content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(ref = OpenApiDocumentFilter.ERROR))),
                        @APIResponse(name = OpenApiDocumentFilter.UNAUTHORIZED, description = "No valid credentials for this API",
                                content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(ref = OpenApiDocumentFilter.ERROR))),
                        @APIResponse(name = OpenApiDocumentFilter.FORBIDDEN,
                                description = "The caller may not do this (a missing role or scope, or a rule of the pack)",
                                content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(ref = OpenApiDocumentFilter.ERROR))),
                        @APIResponse(name = OpenApiDocumentFilter.NOT_FOUND,
                                description = "No such thing in the caller's reach (also for ids of other people's things)",
                                content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(ref = OpenApiDocumentFilter.ERROR))),
                        @APIResponse(name = OpenApiDocumentFilter.CONFLICT,
                                description = "The change conflicts with what is stored, or with a change made at the same moment",
                                content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(ref = OpenApiDocumentFilter.ERROR))),
                        @APIResponse(name = OpenApiDocumentFilter.UNSUPPORTED_MEDIA_TYPE,
                                description = "The request declares a body that is not JSON (the import takes CSV too)",
                                content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(ref = OpenApiDocumentFilter.ERROR))),
                        @APIResponse(name = OpenApiDocumentFilter.TOO_MANY_REQUESTS, description = "A limit of the realm is reached",
                                content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(ref = OpenApiDocumentFilter.ERROR)))
                }))
package io.keycloakiot.rest;

import jakarta.ws.rs.core.MediaType;
import io.keycloakiot.common.Page;
import io.keycloakiot.authz.AccessDecision;
import io.keycloakiot.device.DeviceRepresentation;
import io.keycloakiot.permission.RealmSettings;
import io.keycloakiot.permission.ResourceType;
import io.keycloakiot.token.TokenRepresentation;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
