<#-- Login page of the device-sharing invitation. It lives in theme-resources, so it is rendered with whichever
     login theme the realm selects: it imports only template.ftl (every login theme has it, buttons.ftl only
     keycloak.v2) and takes its CSS classes from the theme's properties (keycloak.v2 first, keycloak v1 as fallback). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
<!-- template: iot-share-confirm.ftl -->
    <#if section = "header">
        ${msg("iotShareConfirmTitle")}
    <#elseif section = "form">
        <div id="kc-iot-share-text" class="${properties.kcContentWrapperClass!}">
            <p>${msg("iotShareText", ownerName, msg("iotResourceTypeDefinite_" + resourceType), resourceName, actions)}</p>
        </div>

        <#-- Each answer is a link of Keycloak's action-token endpoint (it takes GET only). -->
        <div class="${properties.kcFormGroupClass!}">
            <div id="kc-form-buttons" class="${properties.kcFormActionGroupClass!properties.kcFormButtonsClass!} pf-v5-u-flex-nowrap">
                <a id="kc-accept" href="${acceptUrl}"
                   class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("iotShareConfirmAccept")}</a>
                <a id="kc-decline" href="${declineUrl}"
                   class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("iotShareConfirmDecline")}</a>
            </div>
        </div>
    </#if>
</@layout.registrationLayout>
