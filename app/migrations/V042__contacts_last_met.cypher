// Each contact's last day met at an activity no one made private (Contact.last_met), which every
// write of activities keeps from here on: written for the activities stored before, by the data
// step of this version (app/data_steps.py).
