// The seed's EC2 resource loop in C++: every instance with its state, no
// walking through Reservations by hand. Run it with ./scripts/demo ec2_instances.
//
//   python:  for instance in boto3.resource("ec2").instances.all():
//                print(f"Instance {instance.id} is {instance.state['Name']}")
//   C++:     for (auto const& i : ec2.instances().all())
//                std::cout << i.id() << " is " << i.state()->name->str() << '\n';
#include <stratus/services/ec2.hpp>
#include <stratus/session.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

std::string state_name(stratus::ec2::resources::instance const& i)
{
    // state() is the DescribeInstances member: optional, as the API may omit it.
    return i.state() && i.state()->name ? i.state()->name->str() : "(unknown)";
}

} // namespace

int main(int argc, char** argv)
try {
    std::string const tag = argc > 1 ? argv[1] : "stratus-ec2-instances";

    stratus::session session{};
    auto ec2 = session.resource<stratus::ec2>();

    // An image to start from: the first Amazon image the images collection
    // yields (limit(1) stops after it; a real account would pick by name).
    std::string image_id;
    for (auto const& image : ec2.images().filter({.owners = std::vector<std::string>{"amazon"}}).limit(1))
        image_id = image.id();
    if (image_id.empty()) {
        std::cerr << "no Amazon image to start an instance from\n";
        return 1;
    }

    // create_instances is RunInstances returning instance resources.
    auto started = ec2.create_instances(
        {.image_id = image_id,
         .instance_type = "t3.micro",
         .max_count = 2,
         .min_count = 2,
         .tag_specifications = std::vector<stratus::ec2::tag_specification>{
             {.resource_type = "instance", .tags = std::vector<stratus::ec2::tag>{{.key = "demo", .value = tag}}}}});
    for (auto const& i : started) {
        i.wait_until_running(); // the InstanceRunning waiter, for this instance id
        i.reload();             // DescribeInstances again: the state the waiter saw
        std::cout << "started " << i.id() << " from " << image_id << ", now " << state_name(i) << '\n';
    }

    for (auto const& i : ec2.instances().all())
        std::cout << "Instance " << i.id() << " is " << state_name(i) << '\n';

    // filter() takes DescribeInstances' parameters; the batch action
    // terminate() sends one TerminateInstances per page of the collection.
    auto mine = ec2.instances().filter({.filters = std::vector<stratus::ec2::filter>{
                                            {.name = "tag:demo", .values = std::vector<std::string>{tag}}}});
    mine.terminate();
    for (auto const& i : started) {
        i.wait_until_terminated();
        i.reload();
        std::cout << "terminated " << i.id() << ", now " << state_name(i) << '\n';
    }

    // Down to the client for what the resource layer leaves out.
    auto const regions = ec2.meta().client().describe_regions();
    std::cout << "describe_regions through meta().client(): " << regions.regions.size() << " regions\n";
    return 0;
} catch (stratus::error const& e) {
    std::cerr << "error: " << e.info().to_string() << '\n';
    return 1;
}
