<#import "template.ftl" as layout>
<@layout.emailLayout>
<#-- Owner and resource names are user input: they go through auto-escaped ${msg(...)}, never through kcSanitize(...)?no_esc
     (kcSanitize decodes entities first and keeps links, so a crafted name could put a link into this mail). -->
<p>${msg("iotShareText", ownerName, msg("iotResourceTypeDefinite_" + resourceType), resourceName, actions)}</p>
<#if shareExpiresAt??>
<p>${msg("iotShareExpiresAt", shareExpiresAt)}</p>
</#if>
<p>${msg("iotShareInvitationLinkText")}</p>
<p>${kcSanitize(msg("iotShareInvitationLinkHtml", link))?no_esc}</p>
<p>${msg("iotShareInvitationLinkExpiration", linkExpirationFormatter(linkExpiration))}</p>
<#if register!false>
<p>${msg("iotShareInvitationRegister")}</p>
</#if>
<p>${msg("iotShareInvitationIgnore")}</p>
</@layout.emailLayout>
