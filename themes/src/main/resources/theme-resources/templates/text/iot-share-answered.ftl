<#ftl output_format="plainText">
<#if accepted>
${msg("iotShareAcceptedText", recipientEmail, msg("iotResourceTypeDefinite_" + resourceType), resourceName, actions)}
<#else>
${msg("iotShareDeclinedText", recipientEmail, msg("iotResourceTypeDefinite_" + resourceType), resourceName, actions)}
</#if>
