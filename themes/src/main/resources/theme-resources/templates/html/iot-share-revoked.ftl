<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("iotShareRevokedText", ownerName, msg("iotResourceTypeDefinite_" + resourceType), resourceName)}</p>
</@layout.emailLayout>
