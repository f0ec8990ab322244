<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if accepted>
<p>${msg("iotShareAcceptedText", recipientEmail, msg("iotResourceTypeDefinite_" + resourceType), resourceName, actions)}</p>
<#else>
<p>${msg("iotShareDeclinedText", recipientEmail, msg("iotResourceTypeDefinite_" + resourceType), resourceName, actions)}</p>
</#if>
</@layout.emailLayout>
