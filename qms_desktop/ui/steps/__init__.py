"""One page per step of the method, and the widgets they share."""
