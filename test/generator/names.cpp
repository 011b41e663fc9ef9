// stratus-gen's naming rules: botocore's xform_name, exactly, and the C++
// identifiers built from it.
#include "names.hpp"

#include <catch2/catch.hpp>

#include <string_view>
#include <utility>

using namespace stratus_gen;

namespace {
// Written by running botocore 1.43.11's xform_name on these names (a sample
// of s3, dynamodb, ec2, storagegateway, iam, wafv2, lambda, socialmessaging,
// sts, route53, mturk and observabilityadmin names, plus edge cases). The
// test "xform_name-botocore" compares every name of every model at test time.
constexpr std::pair<std::string_view, std::string_view> botocore_cases[] = {
    {"", ""},
    {"A", "a"},
    {"AB", "ab"},
    {"ABCDefGHIjkl", "abc_def_gh_ijkl"},
    {"ABs", "_abs"},
    {"AMIs", "_amis"},
    {"ARNs", "_arns"},
    {"AttachmentEnaSrdSpecification", "attachment_ena_srd_specification"},
    {"BandwidthWeightingType", "bandwidth_weighting_type"},
    {"Base64", "base64"},
    {"BatchStatementErrorCodeEnum", "batch_statement_error_code_enum"},
    {"BillingModeSummary", "billing_mode_summary"},
    {"CNAME", "cname"},
    {"CRC32C", "crc32_c"},
    {"CallerIsNotManagementAccountException", "caller_is_not_management_account_exception"},
    {"CancelCapacityReservationFleetsRequest", "cancel_capacity_reservation_fleets_request"},
    {"CancelDeclarativePoliciesReportResult", "cancel_declarative_policies_report_result"},
    {"CapacityAllocationMetadataEntry", "capacity_allocation_metadata_entry"},
    {"CapacityBlockExtensionStartDate", "capacity_block_extension_start_date"},
    {"CaseSensitivity", "case_sensitivity"},
    {"ChangePassword", "change_password"},
    {"ChecksumCRC64NVME", "checksum_crc64_nvme"},
    {"CompressionType", "compression_type"},
    {"ContextKeyNames", "context_key_names"},
    {"CopySource", "copy_source"},
    {"CreateBackupInput", "create_backup_input"},
    {"CreateCachediSCSIVolume", "create_cached_iscsi_volume"},
    {"CreateFunctionUrlConfigRequest", "create_function_url_config_request"},
    {"CreateStoreImageTaskRequest", "create_store_image_task_request"},
    {"CreateUser", "create_user"},
    {"CreateVPCEndpoint", "create_vpc_endpoint"},
    {"DBInstanceIdentifier", "db_instance_identifier"},
    {"DNSName", "dns_name"},
    {"DeleteClientVpnRouteResult", "delete_client_vpn_route_result"},
    {"DeleteIpamScopeRequest", "delete_ipam_scope_request"},
    {"DescribeCapacityReservationsRequest", "describe_capacity_reservations_request"},
    {"DescribeDBClusters", "describe_db_clusters"},
    {"DescribeGatewayInformationOutput", "describe_gateway_information_output"},
    {"DescribeStorediSCSIVolumes", "describe_stored_iscsi_volumes"},
    {"DescribeTransitGatewayVpcAttachmentsResult", "describe_transit_gateway_vpc_attachments_result"},
    {"DescribeVpnGatewaysResult", "describe_vpn_gateways_result"},
    {"DestinationPortRanges", "destination_port_ranges"},
    {"DoubleObject", "double_object"},
    {"ETag", "e_tag"},
    {"ExecutePartiQLStatement", "execute_partiql_statement"},
    {"Foo_Bar", "Foo_Bar"},
    {"GatewayARNs", "gateway_arns"},
    {"GeoLocationContinentName", "geo_location_continent_name"},
    {"GetInstanceTypesFromInstanceRequirementsResult", "get_instance_types_from_instance_requirements_result"},
    {"GetOTelEnrichment", "get_otel_enrichment"},
    {"GetObjectACL", "get_object_acl"},
    {"GetTelemetryRuleOutput", "get_telemetry_rule_output"},
    {"HITs", "_hits"},
    {"HTTP2", "http2"},
    {"HTTPHeaders", "http_headers"},
    {"ID", "id"},
    {"IDs", "_ids"},
    {"IPs", "_ips"},
    {"IPv6Address", "i_pv6_address"},
    {"Id", "id"},
    {"InstanceTenancy", "instance_tenancy"},
    {"InventoryEncryption", "inventory_encryption"},
    {"Ipv6CidrBlock", "ipv6_cidr_block"},
    {"KMSKeyId", "kms_key_id"},
    {"KeyConditions", "key_conditions"},
    {"KeySigningKeyWithActiveStatusNotFound", "key_signing_key_with_active_status_not_found"},
    {"ListAWSServiceAccessForOrganization", "list_aws_service_access_for_organization"},
    {"ListFunctionEventInvokeConfigsResponse", "list_function_event_invoke_configs_response"},
    {"ListGeoLocations", "list_geo_locations"},
    {"ListHITsForQualificationType", "list_hits_for_qualification_type"},
    {"ListObjectsOutput", "list_objects_output"},
    {"ListObjectsV2", "list_objects_v2"},
    {"ListTrafficPolicyInstancesByHostedZone", "list_traffic_policy_instances_by_hosted_zone"},
    {"ListWebACLs", "list_web_acls"},
    {"MD5", "md5"},
    {"MaxKeys", "max_keys"},
    {"NextToken", "next_token"},
    {"Parquet", "parquet"},
    {"PublishVersion", "publish_version"},
    {"PutBucketACL", "put_bucket_acl"},
    {"PutFunctionRecursionConfigRequest", "put_function_recursion_config_request"},
    {"RateBasedStatementManagedKeysIPSet", "rate_based_statement_managed_keys_ip_set"},
    {"RecycleBinExitTime", "recycle_bin_exit_time"},
    {"RekeyMarginTimeSeconds", "rekey_margin_time_seconds"},
    {"RemoveUserFromGroupRequest", "remove_user_from_group_request"},
    {"ReplicaKmsKeyID", "replica_kms_key_id"},
    {"ReplicaStatusPercentProgress", "replica_status_percent_progress"},
    {"RequestorId", "requestor_id"},
    {"RequireLowercaseCharacters", "require_lowercase_characters"},
    {"Resource", "resource"},
    {"ResponseError", "response_error"},
    {"ResponseStatusCode", "response_status_code"},
    {"Responses", "responses"},
    {"RestoreVolumeFromRecycleBinResult", "restore_volume_from_recycle_bin_result"},
    {"S3Key", "s3_key"},
    {"SSECustomerKey", "sse_customer_key"},
    {"SSECustomerKeyMD5", "sse_customer_key_md5"},
    {"SSEKMSKeyId", "ssekms_key_id"},
    {"SendWhatsAppMessage", "send_whatsapp_message"},
    {"SomeCNAMEs", "some_cnames"},
    {"SourceFpgaImageId", "source_fpga_image_id"},
    {"SpotFleetRequestState", "spot_fleet_request_state"},
    {"StepStartedDetails", "step_started_details"},
    {"TLSv1_2", "TLSv1_2"},
    {"TTL", "ttl"},
    {"TagUser", "tag_user"},
    {"Tags", "tags"},
    {"URIs", "_uris"},
    {"UUID", "uuid"},
    {"UnassignIpv6Addresses", "unassign_ipv6_addresses"},
    {"VPCs", "_vpcs"},
    {"VolumeARNs", "volume_arns"},
    {"X509Certificate", "x509_certificate"},
    {"a", "a"},
    {"aBCs", "a_bcs"},
    {"abcDEF", "abc_def"},
    {"already_snake", "already_snake"},
    {"e", "e"},
    {"m5.large", "m5.large"},
    {"nextToken", "next_token"},
    {"requestId", "request_id"},
    {"x86_64", "x86_64"},
};
} // namespace

TEST_CASE("xform_name agrees with botocore", "[generator][names]")
{
    for (auto const& [name, expected] : botocore_cases) {
        INFO(name);
        CHECK(xform_name(name) == expected);
    }
}

TEST_CASE("xform_name with another separator", "[generator][names]")
{
    CHECK(xform_name("ListObjectsV2", '-') == "list-objects-v2");
    CHECK(xform_name("CreateCachediSCSIVolume", '-') == "create-cached-iscsi-volume");
    CHECK(xform_name("Foo-Bar", '-') == "Foo-Bar");
    CHECK(xform_name("Foo_Bar", '-') == "foo_-bar");
}

TEST_CASE("cpp_name escapes keywords and macros", "[generator][names]")
{
    CHECK(cpp_name("Delete") == "delete_");
    CHECK(cpp_name("Namespace") == "namespace_");
    CHECK(cpp_name("Operator") == "operator_");
    CHECK(cpp_name("And") == "and_");
    CHECK(cpp_name("Not") == "not_");
    CHECK(cpp_name("Major") == "major_");
    CHECK(cpp_name("Minor") == "minor_");
    CHECK(cpp_name("Errno") == "errno_");
    CHECK(cpp_name("Unix") == "unix_");
    CHECK(cpp_name("Linux") == "linux_");
    CHECK(cpp_name("Stdin") == "stdin_");
    CHECK(cpp_name("Assert") == "assert_");
    CHECK(cpp_name("Default") == "default_");
    CHECK(cpp_name("Bucket") == "bucket");
    CHECK(cpp_name("ListObjectsV2Request") == "list_objects_v2_request");
    CHECK(is_reserved_word("co_await"));
    CHECK(is_reserved_word("char8_t"));
    CHECK(!is_reserved_word("bucket"));
}

TEST_CASE("cpp_name makes any model name an identifier", "[generator][names]")
{
    CHECK(cpp_name("Foo_Bar") == "foo_bar");   // xform_name leaves it alone
    CHECK(cpp_name("Foo__Bar") == "foo_bar");  // "__" is reserved to the implementation
    CHECK(cpp_name("ARNs") == "_arns");        // as botocore: a leading '_'
    CHECK(cpp_name("3DModel") == "_3_d_model"); // xform_name gives "3_d_model"
    CHECK(cpp_name("m5.large") == "m5_large");
    CHECK(cpp_name("") == "_");
}

TEST_CASE("enum_constant_name", "[generator][names]")
{
    CHECK(enum_constant_name("STANDARD") == "standard");
    CHECK(enum_constant_name("GLACIER_IR") == "glacier_ir");
    CHECK(enum_constant_name("ReducedRedundancy") == "reduced_redundancy");
    CHECK(enum_constant_name("aws:kms") == "aws_kms");
    CHECK(enum_constant_name("aws:kms:dsse") == "aws_kms_dsse");
    CHECK(enum_constant_name("t2.micro") == "t2_micro");
    CHECK(enum_constant_name("us-east-1") == "us_east_1");
    CHECK(enum_constant_name("Linux/UNIX") == "linux_unix");
    CHECK(enum_constant_name("private") == "private_");
    CHECK(enum_constant_name("Linux") == "linux_");
    CHECK(enum_constant_name("GPUs") == "gpus");
    CHECK(enum_constant_name("24xlarge") == "_24xlarge");
    CHECK(enum_constant_name("*") == "");
    CHECK(enum_constant_name("") == "");
}

TEST_CASE("scope_names appends '_' until a name is free", "[generator][names]")
{
    scope_names s({"shape", "visit"});
    CHECK(s.claim("bucket") == "bucket");
    CHECK(s.claim("bucket") == "bucket_");
    CHECK(s.claim("bucket") == "bucket__");
    CHECK(s.claim("shape") == "shape_");
    CHECK(s.contains("visit"));
}
