<#ftl output_format="plainText">
${msg("iotShareText", ownerName, msg("iotResourceTypeDefinite_" + resourceType), resourceName, actions)}
<#if shareExpiresAt??>

${msg("iotShareExpiresAt", shareExpiresAt)}
</#if>

${msg("iotShareInvitationLinkText")}

${link}

${msg("iotShareInvitationLinkExpiration", linkExpirationFormatter(linkExpiration))}
<#if register!false>

${msg("iotShareInvitationRegister")}
</#if>

${msg("iotShareInvitationIgnore")}
